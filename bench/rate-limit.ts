import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Agent, request } from 'node:http';
import { buildTargets, flags, IMPORT_PATH, importBody, machine, pinSelf, RESULTS, round, start } from './lib.js';

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
const agent = new Agent({ keepAlive: true, maxSockets: opts.connections });
let accepted = 0;
let limited = 0;
let other = 0;
let first = 0;
let last = 0;

function call(n: number): Promise<void> {
  return new Promise((resolve) => {
    const body = importBody(`rate${n}`);
    const req = request(
      { host: '127.0.0.1', port: running.port, method: 'POST', path: `${IMPORT_PATH}?${running.query}`, agent, headers: { 'content-length': body.length } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => {
          last = performance.now();
          first ||= last;
          if (text.includes('"ErrorCode":0')) accepted++;
          else if (text.includes('"ErrorCode":60007')) limited++;
          else other++;
          resolve();
        });
      },
    );
    req.on('error', () => {
      other++;
      resolve();
    });
    req.end(body);
  });
}

// Offered evenly, not in once-a-second bursts (autocannon's rate windows): a bucket left full
// between bursts throws refills away, which would measure the load generator, not the limiter.
const rate = 2 * opts.limit;
const pending: Promise<void>[] = [];
const t0 = performance.now();
let sent = 0;
while (performance.now() - t0 < opts.duration * 1000) {
  const due = Math.floor(((performance.now() - t0) / 1000) * rate);
  for (; sent < due; sent++) pending.push(call(sent));
  await new Promise((resolve) => setTimeout(resolve, 2));
}
await Promise.all(pending);
agent.destroy();
await running.stop();

// The bucket was full when the load began (the start-up call was long before); it refills for
// as long as calls arrive, from the first reply to the last.
const seconds = (last - first) / 1000;
const expected = opts.limit * seconds + opts.limit;
const error = (accepted - expected) / expected;
const m = machine();
const report = { when: new Date().toISOString(), machine: m, opts, offered: sent, accepted, limited, other, seconds, expected, error };
writeFileSync(join(RESULTS, `rate-${report.when.replace(/[:.]/g, '-')}.json`), JSON.stringify(report, null, 2));
process.stdout.write(
  [
    `machine: ${m.nproc} cores, ${m.cpu}, node ${m.node}, loadavg ${m.loadavg}`,
    `limit ${opts.limit}/s, offered ${sent} calls evenly over ${round(seconds, 3)} s (${round(sent / seconds, 0)}/s)`,
    `accepted ${accepted}, limited (60007) ${limited}, other ${other}; expected ${round(expected, 0)} -> ${round(error * 100, 2)}%`,
    `${Math.abs(error) <= 0.02 && other === 0 ? 'MET ' : 'MISS'} accepted within 2% of limit x seconds + bucket size`,
    '',
  ].join('\n'),
);
