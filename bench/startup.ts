/**
 * npm run bench:startup -- [--runs 12] [--no-build]
 *
 * In-process start-up as a user's test file pays it (import the package, startMockServer, one
 * call, close) against bare Fastify doing the same job, each in a fresh node process, the two
 * alternating so that a drift of the machine's speed falls on both. Reports the medians of the
 * time from the first import to the close (wall and CPU) and their ratios; the process's own
 * boot, the same for both, is left out.
 *
 * Then the CLI's cold start, as a CI job pays it: spawn `node dist/cli.js` to its first answered
 * call, against bare Fastify's server (bench/startup/bare-server.mjs) the same way, alternating.
 */
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { buildTargets, flags, freePort, machine, median, ROOT, round } from './lib.js';

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

/** Milliseconds from spawning `script` to its first answered account_import. */
async function coldStart(script: string): Promise<number> {
  const port = await freePort();
  const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
  const started = performance.now();
  const child = spawn(process.execPath, [script], { cwd: ROOT, env, stdio: 'ignore' });
  const query = 'sdkappid=1400000001&identifier=administrator&usersig=x&random=1&contenttype=json';
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}`);
      if (performance.now() - started > 10_000) throw new Error(`${script} did not answer within 10 s`);
      const answered = await fetch(`http://127.0.0.1:${port}/v4/im_open_login_svc/account_import?${query}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"UserID":"cold"}',
      }).then((res) => res.ok, () => false);
      if (answered) return performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  } finally {
    child.kill('SIGKILL');
  }
}

const cold: Record<'cli' | 'bare', number[]> = { cli: [], bare: [] };
const cli = join(ROOT, 'dist', 'cli.js');
const bareServer = join(ROOT, 'bench', 'startup', 'bare-server.mjs');
for (let i = 0; i < opts.runs; i++) {
  cold.cli.push(await coldStart(cli));
  cold.bare.push(await coldStart(bareServer));
}
const coldCli = median(cold.cli);
const coldBare = median(cold.bare);
log(`CLI cold start, spawn to first answer, medians of ${opts.runs} alternating runs`);
log(`  emulator: ${round(coldCli)} ms, bare Fastify: ${round(coldBare)} ms, ratio ${round(coldCli / coldBare)}`);
