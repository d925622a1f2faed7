import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildTargets, flags, machine, median, pinSelf, RESULTS, round, rssOf, start } from './lib.js';
import { load } from './load.js';

/**
 * npm run bench:rss -- [--duration 60] [--journal 1000] [--no-build]
 *
 * RSS of the emulator under constant load with the journal on, sampled every second. The
 * load re-imports a fixed pool of 10,000 identifiers, so the store stops growing after the
 * first seconds and any growth left is a leak (journal, logger, sockets). Flat = after the
 * warm-up (the first sixth), the second half's lowest sample (post-GC floor) within 10% of
 * the first half's.
 */
const opts = flags({ duration: '60', journal: '1000', connections: '50' });
await buildTargets(opts.build);
pinSelf();

const running = await start({ name: 'emulator', env: { TIM_JOURNAL_SIZE: String(opts.journal) } }, 'any-sig');
const pid = running.child.pid as number;
const samples: { s: number; rssMb: number }[] = [];
const t0 = performance.now();
const timer = setInterval(() => samples.push({ s: round((performance.now() - t0) / 1000, 1), rssMb: round(rssOf(pid).rssMb, 1) }), 1000);
const result = await load({ url: running.url, query: running.query, connections: opts.connections, durationS: opts.duration, prefix: 'flat', pool: 10_000 });
clearInterval(timer);
await running.stop();

// V8 grows the heap and collects it in a sawtooth whose teeth (peaks, and so the median) move
// with when it runs a major GC; what survives a GC, the floor, is what a leak raises. Flat
// means the second half's floor within 10% of the first half's; median and peaks are shown.
const warm = Math.max(1, Math.floor(samples.length / 6));
const after = samples.slice(warm).map((x) => x.rssMb);
const half = Math.floor(after.length / 2);
const [early, late] = [after.slice(0, half), after.slice(half)];
const floor = { early: Math.min(...early), late: Math.min(...late) };
const peak = { early: Math.max(...early), late: Math.max(...late) };
const mid = { early: median(early), late: median(late) };
const growth = floor.late / floor.early - 1;
const m = machine();
const report = { when: new Date().toISOString(), machine: m, opts, rps: result.requests.average, floor, median: mid, peak, growth, samples };
writeFileSync(join(RESULTS, `rss-${report.when.replace(/[:.]/g, '-')}.json`), JSON.stringify(report, null, 2));
process.stdout.write(
  [
    `machine: ${m.nproc} cores, ${m.cpu}, node ${m.node}, loadavg ${m.loadavg}`,
    `${opts.duration} s at ${round(result.requests.average, 0)} req/s, journal ${opts.journal} entries`,
    `after the warm-up, first half / second half: floor ${floor.early} / ${floor.late} MB (${round(growth * 100, 1)}%), median ${mid.early} / ${mid.late} MB, peak ${peak.early} / ${peak.late} MB`,
    `samples: ${samples.map((x) => x.rssMb).join(' ')}`,
    `${growth <= 0.1 ? 'MET ' : 'MISS'} RSS flat within 10% over the run (post-GC floor)`,
    '',
  ].join('\n'),
);
