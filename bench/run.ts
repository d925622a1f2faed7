import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildTargets, cpuSecondsOf, flags, inRoundOrder, machine, median, medianRatio, pinSelf, RESULTS, round, rssOf, start, SDKAPPID, SECRET, ADMIN, type Target } from './lib.js';
import { load } from './load.js';
import { pacedLoad, type PacedResult } from './paced.js';
import { officialUserSig } from './usersig.js';

/**
 * npm run bench -- [--duration 10] [--warmup 2] [--rounds 2] [--connections 50] [--coldstarts 5] [--rate 5000] [--no-build]
 *
 * Throughput, latency, cold start and peak RSS of the emulator against bare Fastify (the
 * ceiling), interleaved round by round so that machine drift falls on both alike.
 *
 * Latency is measured twice. At saturation every call queues behind the others, so p99 there
 * follows throughput (about 3 to 4 x p50 on this host). Then at a fixed offered rate (`--rate`
 * calls/s over up to `--connections` keep-alive connections, open loop over undici's Pool: bench/paced.ts; 5,000
 * is 5 x the vendor's limit, and 0 skips it), where it shows what a call costs a test suite
 * that does not saturate the server.
 */
const opts = flags({ duration: '10', warmup: '2', rounds: '2', connections: '50', coldstarts: '5', rate: '5000' });

type Name = 'ceiling' | 'zero-config' | 'usersig' | 'zero-config@info';
const TARGETS: Record<Name, Target> = {
  ceiling: { name: 'ceiling' },
  'zero-config': { name: 'emulator' },
  usersig: { name: 'emulator-declared' },
  // The default log level (one line per request), reported beside the targets.
  'zero-config@info': { name: 'emulator', env: { LOG_LEVEL: 'info' } },
};
const NAMES = Object.keys(TARGETS) as Name[];

interface Run {
  rps: number;
  p50: number;
  p99: number;
  /** Latency and answered req/s at the fixed offered rate (`--rate`); undefined when skipped. */
  paced: PacedResult | undefined;
  peakRssMb: number;
  /** Server CPU time per request (user + system), which the load on other cores hardly moves. */
  cpuUs: number;
  /** How busy the load generator (this process, alone on its core) was, in % of one core. */
  loadGenCpu: number;
  total: number;
  bad: number;
}

await buildTargets(opts.build);
pinSelf();
const usersig = officialUserSig(SDKAPPID, SECRET, ADMIN);
const before = machine();
const log = (line: string) => process.stderr.write(`${line}\n`);

// Cold start, interleaved: spawn to first answered vendor call.
const cold: Record<Name, number[]> = Object.fromEntries(NAMES.map((n) => [n, []])) as unknown as Record<Name, number[]>;
for (let i = 0; i < opts.coldstarts; i++) {
  for (const name of inRoundOrder(NAMES, i)) {
    const running = await start(TARGETS[name], usersig);
    cold[name].push(running.coldStartMs);
    await running.stop();
  }
}
log(`cold start medians: ${NAMES.map((n) => `${n} ${round(median(cold[n]), 1)} ms`).join(', ')}`);

const runs: Record<Name, Run[]> = Object.fromEntries(NAMES.map((n) => [n, []])) as unknown as Record<Name, Run[]>;
for (let r = 0; r < opts.rounds; r++) {
  for (const name of inRoundOrder(NAMES, r)) {
    const running = await start(TARGETS[name], usersig);
    const common = { url: running.url, query: running.query, connections: opts.connections };
    if (opts.warmup > 0) await load({ ...common, durationS: opts.warmup, prefix: 'warm' });
    const pid = running.child.pid as number;
    const cpuBefore = cpuSecondsOf(pid);
    const genBefore = process.cpuUsage();
    const result = await load({ ...common, durationS: opts.duration, prefix: 'user' });
    const cpu = cpuSecondsOf(pid) - cpuBefore;
    const gen = process.cpuUsage(genBefore);
    // Peak RSS, CPU per call and the generator's CPU describe the saturation run alone, as in
    // every run before the paced phase existed (which adds rate x duration accounts).
    const { peakMb } = rssOf(pid);
    const paced = opts.rate > 0 ? await pacedLoad({ ...common, durationS: opts.duration, rate: opts.rate, prefix: 'paced' }) : undefined;
    await running.stop();
    const run: Run = {
      rps: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      paced,
      peakRssMb: peakMb,
      cpuUs: (cpu * 1e6) / result.requests.total,
      loadGenCpu: (gen.user + gen.system) / 1e4 / result.duration,
      total: result.requests.total + (paced?.offered ?? 0),
      bad: result.errors + result.timeouts + result.non2xx + result.mismatches + (paced?.bad ?? 0),
    };
    runs[name].push(run);
    const pacedLine = paced
      ? `; at ${opts.rate} req/s offered: ${round(paced.rps, 0)} answered/s, p50 ${round(paced.p50)} ms, p99 ${round(paced.p99)} ms, p99.9 ${round(paced.p999)} ms, send lag p99 ${round(paced.sendLagP99)} ms`
      : '';
    log(`round ${r + 1} ${name}: ${round(run.rps, 0)} req/s, p50 ${run.p50} ms, p99 ${run.p99} ms, ${round(run.cpuUs, 0)} µs CPU/request, load generator ${round(run.loadGenCpu, 0)}% busy, peak RSS ${round(run.peakRssMb, 1)} MB, ${run.bad} bad of ${run.total}${pacedLine}`);
  }
}

const pacedPhase = opts.rate > 0 && opts.rounds > 0;
const pacedMedian = (rs: Run[], pick: (p: PacedResult) => number): number | null =>
  pacedPhase ? round(median(rs.map((x) => pick(x.paced as PacedResult)))) : null;

const summary = Object.fromEntries(
  NAMES.map((n) => [
    n,
    {
      rps: round(median(runs[n].map((x) => x.rps)), 0),
      p50: median(runs[n].map((x) => x.p50)),
      p99: median(runs[n].map((x) => x.p99)),
      pacedP50: pacedMedian(runs[n], (p) => p.p50),
      pacedP99: pacedMedian(runs[n], (p) => p.p99),
      sendLagP99: pacedMedian(runs[n], (p) => p.sendLagP99),
      peakRssMb: round(median(runs[n].map((x) => x.peakRssMb)), 1),
      cpuUs: round(median(runs[n].map((x) => x.cpuUs)), 0),
      loadGenCpu: round(median(runs[n].map((x) => x.loadGenCpu)), 0),
      coldStartMs: round(median(cold[n]), 1),
      bad: runs[n].reduce((s, x) => s + x.bad, 0),
    },
  ]),
) as Record<Name, { rps: number; p50: number; p99: number; pacedP50: number | null; pacedP99: number | null; sendLagP99: number | null; peakRssMb: number; cpuUs: number; loadGenCpu: number; coldStartMs: number; bad: number }>;

/** Ratios per round (emulator run / the same round's ceiling run), then the median. */
const ratio = (n: Name): number => medianRatio(runs[n], runs.ceiling, (x, c) => x.rps / c.rps);
const ratios = {
  'zero-config': ratio('zero-config'),
  usersig: ratio('usersig'),
  'zero-config@info': ratio('zero-config@info'),
  coldStart: round(summary['zero-config'].coldStartMs / summary.ceiling.coldStartMs, 2),
  coldStartUsersig: round(summary.usersig.coldStartMs / summary.ceiling.coldStartMs, 2),
};
// Only the targets this run measured: `--rounds 0` measures cold start alone, `--coldstarts 0`
// throughput and latency alone.
const targets = {
  ...(opts.rounds > 0 && {
    'req/s zero-config >= 0.9 x ceiling': ratios['zero-config'] >= 0.9,
    'req/s usersig >= 0.85 x ceiling': ratios.usersig >= 0.85,
    'p99 <= 5 ms at saturation (zero-config, usersig)': summary['zero-config'].p99 <= 5 && summary.usersig.p99 <= 5,
    ...(pacedPhase && {
      [`p99 <= 5 ms at ${opts.rate} req/s offered (zero-config, usersig)`]: [summary['zero-config'], summary.usersig].every((s) => (s.pacedP99 as number) <= 5),
    }),
    'every reply OK': NAMES.every((n) => summary[n].bad === 0),
  }),
  ...(opts.coldstarts > 0 && { 'cold start <= 1.3 x ceiling': ratios.coldStart <= 1.3 }),
};

// A load generator near a full core can cap the ceiling's req/s (and adds its own delays to
// the latencies it records), and then the req/s ratios flatter the emulator.
const generatorBound = opts.rounds > 0 && summary.ceiling.loadGenCpu >= 90;
const GENERATOR_BOUND = `NOTE the load generator was ${summary.ceiling.loadGenCpu}% busy in the ceiling's rounds, near a full core: it may have capped the ceiling's req/s; compare the CPU ratios and npm run bench:wrk`;

// Latency at a fixed rate means something only if the server kept up with it, and it includes
// the generator's own lateness (its timers fire late when the host stalls it).
const behind = pacedPhase ? NAMES.filter((n) => runs[n].some((x) => (x.paced as PacedResult).rps < 0.98 * opts.rate)) : [];
const BEHIND = `NOTE ${behind.join(', ')} answered less than 98% of the ${opts.rate} req/s offered within the window in some round: their latencies at that rate include queueing`;
const lagMs = pacedPhase ? Math.max(...NAMES.map((n) => summary[n].sendLagP99 as number)) : 0;
const LAGGING = `NOTE the generator handled calls up to ${lagMs} ms late at p99 (median over rounds, worst target): the latencies at ${opts.rate} req/s include that much of its own delay`;

const report = { when: new Date().toISOString(), machine: before, loadavgAfter: machine().loadavg, opts, summary, ratios, targets, generatorBound, behind, runs, cold };
const file = join(RESULTS, `run-${report.when.replace(/[:.]/g, '-')}.json`);
writeFileSync(file, JSON.stringify(report, null, 2));

const rows = NAMES.map((n) => {
  const s = summary[n];
  const r = n === 'ceiling' ? '1' : String(ratio(n));
  const c = round(summary.ceiling.cpuUs / s.cpuUs, 3);
  const pacedCells = pacedPhase ? ` ${s.pacedP50} | ${s.pacedP99} |` : '';
  return `| ${n} | ${s.rps} | ${r} | ${s.p50} | ${s.p99} |${pacedCells} ${s.cpuUs} | ${c} | ${s.loadGenCpu} | ${s.coldStartMs} | ${s.peakRssMb} |`;
});
process.stdout.write(
  [
    `machine: ${before.nproc} cores, ${before.cpu}, node ${before.node}, pinned ${before.pinned}, loadavg before ${before.loadavg}, after ${report.loadavgAfter}`,
    `${opts.rounds} rounds x ${opts.duration} s at ${opts.connections} connections (warm-up ${opts.warmup} s); cold start median of ${opts.coldstarts}`,
    '',
    `| target | req/s | / ceiling | p50 ms | p99 ms |${pacedPhase ? ` p50 ms at ${opts.rate}/s | p99 ms at ${opts.rate}/s |` : ''} CPU µs/req | ceiling CPU / its CPU | load gen CPU % | cold start ms | peak RSS MB |`,
    `|---|---|---|---|---|${pacedPhase ? '---|---|' : ''}---|---|---|---|---|`,
    ...rows,
    '',
    `cold start ratio ${ratios.coldStart} (usersig ${ratios.coldStartUsersig})`,
    ...(generatorBound ? [GENERATOR_BOUND] : []),
    ...(behind.length > 0 ? [BEHIND] : []),
    ...(lagMs >= 1 ? [LAGGING] : []),
    ...Object.entries(targets).map(([k, ok]) => `${ok ? 'MET ' : 'MISS'} ${k}`),
    `raw results: ${file}`,
    '',
  ].join('\n'),
);
