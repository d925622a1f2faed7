/**
 * npm run bench:startup -- [--runs 12] [--no-build]
 *
 * In-process start-up as a user's test file pays it (import the package, startMockServer, one
 * call, close) against bare Fastify doing the same job, each in a fresh node process, the two
 * alternating so that a drift of the machine's speed falls on both. Reports the medians of the
 * time from the first import to the close (wall and CPU) and their ratios; the process's own
 * boot, the same for both, is left out.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { buildTargets, flags, machine, median, ROOT, round } from './lib.js';

const opts = flags({ runs: '12' });
await buildTargets(opts.build);

interface Sample { ms: number; cpuMs: number }
const run = (script: string): Sample => {
  const child = spawnSync(process.execPath, [join(ROOT, 'bench', 'startup', script)], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`${script} failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as Sample;
};

const samples: Record<'emulator' | 'bare', Sample[]> = { emulator: [], bare: [] };
run('emulator.mjs');
run('bare.mjs');
for (let i = 0; i < opts.runs; i++) {
  samples.emulator.push(run('emulator.mjs'));
  samples.bare.push(run('bare.mjs'));
}
const mid = (name: keyof typeof samples, key: keyof Sample): number => median(samples[name].map((s) => s[key]));
const log = (line: string): void => console.log(line);
log(`in-process start-up, medians of ${opts.runs} alternating runs on ${JSON.stringify(machine())}`);
log(`  emulator: ${round(mid('emulator', 'ms'))} ms wall, ${round(mid('emulator', 'cpuMs'))} ms CPU`);
log(`  bare Fastify: ${round(mid('bare', 'ms'))} ms wall, ${round(mid('bare', 'cpuMs'))} ms CPU`);
log(`  ratio: ${round(mid('emulator', 'ms') / mid('bare', 'ms'))} wall, ${round(mid('emulator', 'cpuMs') / mid('bare', 'cpuMs'))} CPU`);
