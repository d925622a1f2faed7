import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildTargets, flags, machine, pinSelf, RESULTS, round, rssOf, start } from './lib.js';
import { load } from './load.js';

/**
 * npm run bench:rss -- [--duration 60] [--journal 1000] [--no-build]
 *
 * RSS of the emulator under constant load with the journal on, sampled every second. The
 * load re-imports a fixed pool of 10,000 identifiers, so the store stops growing after the
 * first second and any growth left is a leak (journal, logger, sockets). Flat = the largest
 * sample after the warm-up (the first sixth of the run) within 10% of the sample that ends it.
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

const warm = Math.max(1, Math.floor(samples.length / 6));
const reference = samples[warm - 1]?.rssMb ?? NaN;
const after = samples.slice(warm).map((x) => x.rssMb);
const peak = Math.max(...after);
const last = after.at(-1) ?? NaN;
const growth = (peak - reference) / reference;
const m = machine();
const report = { when: new Date().toISOString(), machine: m, opts, rps: result.requests.average, reference, peak, last, growth, samples };
writeFileSync(join(RESULTS, `rss-${report.when.replace(/[:.]/g, '-')}.json`), JSON.stringify(report, null, 2));
process.stdout.write(
  [
    `machine: ${m.nproc} cores, ${m.cpu}, node ${m.node}, loadavg ${m.loadavg}`,
    `${opts.duration} s at ${round(result.requests.average, 0)} req/s, journal ${opts.journal} entries`,
    `RSS after warm-up ${reference} MB, peak after ${peak} MB, last ${last} MB: ${round(growth * 100, 1)}%`,
    `samples: ${samples.map((x) => x.rssMb).join(' ')}`,
    `${growth <= 0.1 ? 'MET ' : 'MISS'} RSS flat within 10% over the run`,
    '',
  ].join('\n'),
);
