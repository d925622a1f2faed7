import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildTargets, flags, machine, pinSelf, RESULTS, round, start } from './lib.js';
import { load } from './load.js';

/**
 * npm run bench:rate -- [--limit 1000] [--duration 10] [--no-build]
 *
 * Offers account_import at twice the rate limit and counts what is let through: a token
 * bucket that starts full lets `limit x seconds + limit` through (target: within 2%).
 */
const opts = flags({ limit: '1000', duration: '10', connections: '50' });
await buildTargets(opts.build);
pinSelf();

const running = await start({ name: 'emulator', env: { TIM_RATE_LIMIT: String(opts.limit) } }, 'any-sig');
let accepted = 0;
let limited = 0;
let other = 0;
let first = 0;
let last = 0;
const result = await load({
  url: running.url,
  query: running.query,
  connections: opts.connections,
  durationS: opts.duration,
  overallRate: 2 * opts.limit,
  prefix: 'rate',
  onReply: (body) => {
    last = performance.now();
    first ||= last;
    if (body.includes('"ErrorCode":0')) accepted++;
    else if (body.includes('"ErrorCode":60007')) limited++;
    else other++;
  },
});
await running.stop();

// The bucket was full when the load began (the start-up call was long before); it refills for
// as long as calls arrive, from the first reply to the last.
const seconds = (last - first) / 1000;
const expected = opts.limit * seconds + opts.limit;
const error = (accepted - expected) / expected;
const m = machine();
const report = { when: new Date().toISOString(), machine: m, opts, offered: result.requests.total, accepted, limited, other, seconds, expected, error };
writeFileSync(join(RESULTS, `rate-${report.when.replace(/[:.]/g, '-')}.json`), JSON.stringify(report, null, 2));
process.stdout.write(
  [
    `machine: ${m.nproc} cores, ${m.cpu}, node ${m.node}, loadavg ${m.loadavg}`,
    `limit ${opts.limit}/s, offered ${result.requests.total} calls in ${round(seconds, 3)} s (${round(result.requests.total / seconds, 0)}/s)`,
    `accepted ${accepted}, limited (60007) ${limited}, other ${other}; expected ${round(expected, 0)} -> ${round(error * 100, 2)}%`,
    `${Math.abs(error) <= 0.02 && other === 0 ? 'MET ' : 'MISS'} accepted within 2% of limit x seconds + bucket size`,
    '',
  ].join('\n'),
);
