import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildTargets, cpuSecondsOf, flags, freePort, inRoundOrder, machine, median, medianRatio, pinSelf, RESULTS, round, start, type Running, type Target, type LoadRun as Run } from './lib.js';
import { load } from './load.js';

/**
 * npm run bench:https -- [--duration 10] [--warmup 2] [--rounds 2] [--connections 50] [--coldstarts 5] [--no-build]
 *
 * The HTTPS port beside plain HTTP, under the same workload (account_import, keep-alive
 * connections, saturation), each as its own ratio to the ceiling (bare Fastify over HTTP),
 * interleaved round by round. Then start-up: spawn to the first answered vendor call without
 * TLS, and with TLS and a CA saved in TIM_TLS_DIR (made once before the runs, as a CI cache
 * or a shared volume keeps it).
 */
const opts = flags({ duration: '10', warmup: '2', rounds: '2', connections: '50', coldstarts: '5' });

await buildTargets(opts.build);
pinSelf();
const log = (line: string) => process.stderr.write(`${line}\n`);
const before = machine();
const tlsDir = mkdtempSync(join(tmpdir(), 'tim-bench-tls-'));

/** The emulator with its HTTPS port on a free port and the CA of `tlsDir`. */
async function startTls(): Promise<Running & { httpsUrl: string }> {
  const httpsPort = await freePort();
  const running = await start({ name: 'emulator', env: { TIM_HTTPS_PORT: String(httpsPort), TIM_TLS_DIR: tlsDir } }, 'any-sig');
  return { ...running, httpsUrl: `https://127.0.0.1:${httpsPort}` };
}

// The first start makes and saves the CA; every later one loads it.
await (await startTls()).stop();

type Name = 'ceiling' | 'http' | 'https';
const NAMES: Name[] = ['ceiling', 'http', 'https'];
const CEILING: Target = { name: 'ceiling' };

const runs: Record<Name, Run[]> = { ceiling: [], http: [], https: [] };
for (let r = 0; r < opts.rounds; r++) {
  for (const name of inRoundOrder(NAMES, r)) {
    // The HTTPS target is the same process as the HTTP one, with its HTTPS port open; the load goes to one port or the other.
    const running = name === 'ceiling' ? await start(CEILING, 'any-sig') : await startTls();
    const url = name === 'https' ? (running as Running & { httpsUrl: string }).httpsUrl : running.url;
    const common = { url, query: running.query, connections: opts.connections };
    if (opts.warmup > 0) await load({ ...common, durationS: opts.warmup, prefix: 'warm' });
    const pid = running.child.pid as number;
    const cpuBefore = cpuSecondsOf(pid);
    const result = await load({ ...common, durationS: opts.duration, prefix: 'user' });
    const cpu = cpuSecondsOf(pid) - cpuBefore;
    await running.stop();
    const run: Run = {
      rps: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      cpuUs: (cpu * 1e6) / result.requests.total,
      bad: result.errors + result.timeouts + result.non2xx + result.mismatches,
    };
    runs[name].push(run);
    log(`round ${r + 1} ${name}: ${round(run.rps, 0)} req/s, p50 ${run.p50} ms, p99 ${run.p99} ms, ${round(run.cpuUs, 0)} µs CPU/request, ${run.bad} bad`);
  }
}

// Start-up, interleaved: without TLS, and with TLS and the saved CA.
const cold = { plain: [] as number[], tls: [] as number[] };
for (let i = 0; i < opts.coldstarts; i++) {
  for (const kind of inRoundOrder(['plain', 'tls'] as const, i)) {
    const running = kind === 'plain' ? await start({ name: 'emulator' }, 'any-sig') : await startTls();
    cold[kind].push(running.coldStartMs);
    await running.stop();
  }
}

const summary = Object.fromEntries(
  NAMES.map((n) => [n, { rps: round(median(runs[n].map((x) => x.rps)), 0), p50: median(runs[n].map((x) => x.p50)), p99: median(runs[n].map((x) => x.p99)), cpuUs: round(median(runs[n].map((x) => x.cpuUs)), 0), bad: runs[n].reduce((s, x) => s + x.bad, 0) }]),
);
const ratio = (n: Name): number => medianRatio(runs[n], runs.ceiling, (x, c) => x.rps / c.rps);
const coldStart = { plainMs: round(median(cold.plain), 1), tlsSavedCaMs: round(median(cold.tls), 1), growthMs: round(median(cold.tls) - median(cold.plain), 1) };
const report = {
  when: new Date().toISOString(),
  machine: { ...before, loadavgAfter: machine().loadavg },
  options: opts,
  summary,
  ratios: { http: ratio('http'), https: ratio('https') },
  coldStart,
  targets: { 'start-up with TLS and a saved CA <= +20 ms': coldStart.growthMs <= 20 },
};
writeFileSync(join(RESULTS, 'https.json'), `${JSON.stringify(report, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
