import { buildTargets, cpuSecondsOf, flags, IMPORT_PATH, inRoundOrder, machine, median, medianRatio, pinSelf, round, rssOf, start, SDKAPPID, SECRET, ADMIN, type Running } from './lib.js';
import { load } from './load.js';
import { officialUserSig } from './usersig.js';

/**
 * npx tsx bench/sendmsg.ts -- [--duration 10] [--warmup 2] [--rounds 2] [--connections 50] [--no-build]
 *
 * sendmsg's throughput against the ceiling (bare Fastify answering sendmsg's route with its
 * schemas), interleaved round by round as bench/run.ts does for account_import. Every call
 * stores a message from alice to bob, so the store grows by the run's calls (well under its cap).
 */
const opts = flags({ duration: '10', warmup: '2', rounds: '2', connections: '50' });
const NAMES = ['ceiling', 'emulator'] as const;
type Name = (typeof NAMES)[number];

await buildTargets(opts.build);
pinSelf();
const usersig = officialUserSig(SDKAPPID, SECRET, ADMIN);
const before = machine();
const log = (line: string) => process.stderr.write(`${line}\n`);

/** The sender and the recipient, imported before the run (the ceiling answers OK anyway). */
async function accounts(running: Running): Promise<void> {
  for (const id of ['alice', 'bob']) {
    await fetch(`${running.url}${IMPORT_PATH}?${running.query}`, { method: 'POST', body: JSON.stringify({ Identifier: id }) });
  }
}

interface Run { rps: number; p50: number; p99: number; cpuUs: number; peakRssMb: number; bad: number }
const runs: Record<Name, Run[]> = { ceiling: [], emulator: [] };
for (let r = 0; r < opts.rounds; r++) {
  for (const name of inRoundOrder(NAMES, r)) {
    const running = await start({ name }, usersig);
    await accounts(running);
    const common = { url: running.url, query: running.query, connections: opts.connections, command: 'sendmsg' as const };
    if (opts.warmup > 0) await load({ ...common, durationS: opts.warmup, prefix: 'warm' });
    const pid = running.child.pid as number;
    const cpuBefore = cpuSecondsOf(pid);
    const result = await load({ ...common, durationS: opts.duration, prefix: 'hello' });
    const cpu = cpuSecondsOf(pid) - cpuBefore;
    const { peakMb } = rssOf(pid);
    await running.stop();
    const run = {
      rps: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      cpuUs: (cpu * 1e6) / result.requests.total,
      peakRssMb: peakMb,
      bad: result.errors + result.timeouts + result.non2xx + result.mismatches,
    };
    runs[name].push(run);
    log(`round ${r + 1} ${name}: ${round(run.rps, 0)} req/s, p50 ${run.p50} ms, p99 ${run.p99} ms, ${round(run.cpuUs, 0)} µs CPU/call, peak RSS ${round(run.peakRssMb, 1)} MB, ${run.bad} bad`);
  }
}

const summary = Object.fromEntries(NAMES.map((n) => [n, {
  rps: round(median(runs[n].map((x) => x.rps)), 0),
  p50: median(runs[n].map((x) => x.p50)),
  p99: median(runs[n].map((x) => x.p99)),
  cpuUs: round(median(runs[n].map((x) => x.cpuUs)), 0),
  peakRssMb: round(median(runs[n].map((x) => x.peakRssMb)), 1),
  bad: runs[n].reduce((s, x) => s + x.bad, 0),
}]));
const ratio = medianRatio(runs.emulator, runs.ceiling, (x, c) => x.rps / c.rps);
console.log(JSON.stringify({ command: 'sendmsg', machine: { ...before, loadavgAfter: machine().loadavg }, opts, summary, ratio }, null, 2));
