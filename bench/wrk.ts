import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildTargets, cpuSecondsOf, flags, inRoundOrder, LOAD_CORE, machine, median, medianRatio, onCore, RESULTS, ROOT, round, SDKAPPID, SECRET, ADMIN, start, type Target, type LoadRun as Run } from './lib.js';
import { officialUserSig } from './usersig.js';

/**
 * npm run bench:wrk -- [--rounds 6] [--duration 8] [--warmup 2] [--connections 50] [--no-build]
 *
 * A cross-check of `npm run bench` with wrk (C, from the distribution's packages) as the load
 * generator. autocannon needs ~45 µs of CPU per request with a new body each time, so on a
 * 2-core machine it runs its core at 90% or more against the ceiling and caps the ceiling's
 * req/s; wrk needs a fraction of that and keeps every target saturated. Same targets, same
 * body, same pinning and interleaving; a reply that is not the vendor's OK is counted.
 */
const opts = flags({ rounds: '6', duration: '8', warmup: '2', connections: '50' });
if (spawnSync('wrk', ['--version']).error) {
  process.stderr.write('wrk is not installed (Debian/Ubuntu: apt-get install wrk)\n');
  process.exit(1);
}

type Name = 'ceiling' | 'zero-config' | 'usersig';
const TARGETS: Record<Name, Target> = { ceiling: { name: 'ceiling' }, 'zero-config': { name: 'emulator' }, usersig: { name: 'emulator-declared' } };
const NAMES = Object.keys(TARGETS) as Name[];

interface WrkResult {
  requests: number;
  durationUs: number;
  errors: number;
  bad: number;
  p50: number;
  p99: number;
}

/** Runs wrk on the load core against a target's account_import and reads its JSON line. */
function wrk(url: string, seconds: number, prefix: string): Promise<WrkResult> {
  const args = ['-t1', `-c${opts.connections}`, `-d${seconds}s`, '-s', join(ROOT, 'bench', 'wrk-import.lua'), url];
  const argv = onCore(LOAD_CORE, ['wrk', ...args]);
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0] as string, argv.slice(1), { env: { ...process.env, WRK_PREFIX: prefix }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (code !== 0 || line === undefined) reject(new Error(`wrk exited with ${code}: ${out}`));
      else resolve(JSON.parse(line) as WrkResult);
    });
  });
}

await buildTargets(opts.build);
const usersig = officialUserSig(SDKAPPID, SECRET, ADMIN);
const before = machine();

const runs = Object.fromEntries(NAMES.map((n) => [n, [] as Run[]])) as Record<Name, Run[]>;
for (let r = 0; r < opts.rounds; r++) {
  for (const name of inRoundOrder(NAMES, r)) {
    const running = await start(TARGETS[name], usersig);
    const url = `${running.url}/v4/im_open_login_svc/account_import?${running.query}`;
    if (opts.warmup > 0) await wrk(url, opts.warmup, `w${r}-`);
    const pid = running.child.pid as number;
    const cpuBefore = cpuSecondsOf(pid);
    const result = await wrk(url, opts.duration, `u${r}-`);
    const cpu = cpuSecondsOf(pid) - cpuBefore;
    await running.stop();
    const run: Run = {
      rps: result.requests / (result.durationUs / 1e6),
      p50: result.p50 / 1000,
      p99: result.p99 / 1000,
      cpuUs: (cpu * 1e6) / result.requests,
      bad: result.bad + result.errors,
    };
    runs[name].push(run);
    process.stderr.write(`round ${r + 1} ${name}: ${round(run.rps, 0)} req/s, p50 ${round(run.p50)} ms, p99 ${round(run.p99)} ms, ${round(run.cpuUs, 0)} µs CPU/request, ${run.bad} bad of ${result.requests}\n`);
  }
}

const summary = Object.fromEntries(
  NAMES.map((n) => [
    n,
    {
      rps: round(median(runs[n].map((x) => x.rps)), 0),
      ratio: medianRatio(runs[n], runs.ceiling, (x, c) => x.rps / c.rps),
      p50: round(median(runs[n].map((x) => x.p50))),
      p99: round(median(runs[n].map((x) => x.p99))),
      cpuUs: round(median(runs[n].map((x) => x.cpuUs)), 1),
      cpuRatio: medianRatio(runs[n], runs.ceiling, (x, c) => c.cpuUs / x.cpuUs),
      bad: runs[n].reduce((sum, x) => sum + x.bad, 0),
    },
  ]),
) as Record<Name, { rps: number; ratio: number; p50: number; p99: number; cpuUs: number; cpuRatio: number; bad: number }>;

const report = { when: new Date().toISOString(), machine: before, loadavgAfter: machine().loadavg, opts, summary, runs };
const file = join(RESULTS, `wrk-${report.when.replace(/[:.]/g, '-')}.json`);
writeFileSync(file, JSON.stringify(report, null, 2));
process.stdout.write(
  [
    `machine: ${before.nproc} cores, ${before.cpu}, node ${before.node}, pinned ${before.pinned}, loadavg before ${before.loadavg}, after ${report.loadavgAfter}`,
    `wrk, ${opts.rounds} rounds x ${opts.duration} s at ${opts.connections} connections (warm-up ${opts.warmup} s); ratios are medians of per-round ratios`,
    '',
    '| target | req/s | / ceiling | p50 ms | p99 ms | CPU µs/req | ceiling CPU / its CPU | replies not OK |',
    '|---|---|---|---|---|---|---|---|',
    ...NAMES.map((n) => {
      const s = summary[n];
      return `| ${n} | ${s.rps} | ${s.ratio} | ${s.p50} | ${s.p99} | ${s.cpuUs} | ${s.cpuRatio} | ${s.bad} |`;
    }),
    '',
    `raw results: ${file}`,
    '',
  ].join('\n'),
);
