import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Errors } from '../src/tim/errors.js';
import { buildTargets, flags, IMPORT_PATH, importBody, machine, pinSelf, RESULTS, round, rssOf, start } from './lib.js';

/**
 * npm run bench:soak -- [--duration 60] [--connections 200] [--warmup 5] [--no-build]
 *
 * 200 concurrent clients for 60 s mixing valid imports (each a new identifier), invalid calls,
 * bodies over the 1 MiB limit and connections dropped mid-request. Afterwards: the server is
 * alive, every reply was vendor-shaped with a catalogue code, the account count equals the
 * OK imports, and RSS, once the accounts are deleted, is back within 10% of where it started.
 */
const opts = flags({ duration: '60', connections: '200', warmup: '5' });
await buildTargets(opts.build);
pinSelf();

const running = await start({ name: 'emulator' }, 'any-sig');
const pid = running.child.pid as number;
const agent = new Agent({ keepAlive: true, maxSockets: opts.connections });
const QUERY = running.query;

interface Tally {
  calls: number;
  okImports: number;
  notVendorShaped: number;
  unknownCodes: number;
  /** Oversized bodies whose connection was reset before the reply could be read. */
  resetBeforeReply: number;
  otherErrors: number;
  byKind: Record<string, number>;
  samples: string[];
}
/** Every code of the vendor catalogue: a reply with any other code is a defect. */
const knownCodes: ReadonlySet<number> = new Set(Object.values(Errors).map((e) => e.code));

const tally: Tally = { calls: 0, okImports: 0, notVendorShaped: 0, unknownCodes: 0, resetBeforeReply: 0, otherErrors: 0, byKind: {}, samples: [] };
let nextId = 0;

function vendorShaped(status: number, contentType: string | undefined, body: string): number | undefined {
  try {
    const r = JSON.parse(body) as { ActionStatus?: unknown; ErrorCode?: unknown; ErrorInfo?: unknown };
    const ok =
      status === 200 &&
      /^application\/json/.test(contentType ?? '') &&
      (r.ActionStatus === 'OK') === (r.ErrorCode === 0) &&
      (r.ActionStatus === 'OK' || r.ActionStatus === 'FAIL') &&
      typeof r.ErrorCode === 'number' &&
      typeof r.ErrorInfo === 'string';
    return ok ? (r.ErrorCode as number) : undefined;
  } catch {
    return undefined;
  }
}

function send(method: string, path: string, body: string | Buffer): Promise<{ code: number | undefined } | { error: NodeJS.ErrnoException }> {
  return new Promise((resolve) => {
    const req = request(
      { host: '127.0.0.1', port: running.port, method, path, agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ code: vendorShaped(res.statusCode ?? 0, res.headers['content-type'], text) }));
        res.on('error', (error) => resolve({ error }));
      },
    );
    req.on('error', (error) => resolve({ error }));
    req.end(body);
  });
}

const vendor = (query = QUERY, path = IMPORT_PATH) => `${path}?${query}`;
const INVALID: (() => [string, string, string])[] = [
  () => ['POST', vendor(), '{'],
  () => ['POST', vendor(), '[]'],
  () => ['POST', vendor(), '{"Identifier":""}'],
  () => ['POST', vendor(), `{"Identifier":"${'x'.repeat(33)}"}`],
  () => ['POST', vendor(QUERY.replace(/sdkappid=\d+&/, '')), '{"Identifier":"nosdkappid"}'],
  () => ['POST', vendor(QUERY.replace('random=12345', 'random=abc')), '{"Identifier":"badrandom"}'],
  () => ['GET', vendor(), ''],
  () => ['POST', vendor(QUERY, '/v4/im_open_login_svc/no_such_command'), '{}'],
  () => ['POST', vendor(QUERY, '/v4/registration_service/register_account_v1'), '{"Identifier":"ab","IdentifierType":3,"Password":"short"}'],
];
const OVERSIZED = Buffer.alloc(1024 * 1024 + 1024, 'a');

async function valid(): Promise<void> {
  const r = await send('POST', vendor(), importBody(`soak${nextId++}`));
  if ('code' in r && r.code === 0) tally.okImports++;
  record('valid', r);
}

async function invalid(): Promise<void> {
  const pick = INVALID[Math.floor(Math.random() * INVALID.length)] as () => [string, string, string];
  const [method, path, body] = pick();
  const r = await send(method, path, body);
  if ('code' in r && r.code === 0) note(`invalid call answered OK: ${method} ${path} ${body.slice(0, 40)}`);
  record('invalid', r);
}

async function oversized(): Promise<void> {
  const r = await send('POST', vendor(), OVERSIZED);
  if ('code' in r && r.code !== undefined && r.code !== 60008) note(`oversized body answered ${r.code}`);
  record('oversized', r);
}

/** Sends half a request and hangs up: the server must drop it without an account or a crash. */
function dropped(): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port: running.port }, () => {
      socket.write(`POST ${vendor()} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{"Identifier":"drop`);
      setImmediate(() => socket.destroy());
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      tally.byKind.dropped = (tally.byKind.dropped ?? 0) + 1;
      resolve();
    });
  });
}

function note(sample: string): void {
  if (tally.samples.length < 20) tally.samples.push(sample);
}

function record(kind: string, r: { code: number | undefined } | { error: NodeJS.ErrnoException }): void {
  tally.calls++;
  tally.byKind[kind] = (tally.byKind[kind] ?? 0) + 1;
  if ('error' in r) {
    // A server answering an oversized body early may close before the client has written it.
    if (kind === 'oversized' && (r.error.code === 'EPIPE' || r.error.code === 'ECONNRESET')) tally.resetBeforeReply++;
    else {
      tally.otherErrors++;
      note(`${kind}: ${r.error.code ?? r.error.message}`);
    }
  } else if (r.code === undefined) {
    tally.notVendorShaped++;
    note(`${kind}: reply not vendor-shaped`);
  } else if (r.code !== 0 && !knownCodes.has(r.code)) {
    tally.unknownCodes++;
    note(`${kind}: code ${r.code} not in the catalogue`);
  }
}

/** The mix: half valid imports, a quarter invalid calls, 10% oversized, 15% dropped. */
function oneCall(): Promise<void> {
  const x = Math.random();
  if (x < 0.5) return valid();
  if (x < 0.75) return invalid();
  if (x < 0.85) return oversized();
  return dropped();
}

async function phase(seconds: number): Promise<void> {
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: opts.connections }, async () => {
      while (performance.now() < until) await oneCall();
    }),
  );
}

const control = async (method: string, path: string): Promise<unknown> => {
  const res = await fetch(`${running.url}${path}`, { method });
  return res.json();
};

await phase(opts.warmup);
const startRss = rssOf(pid).rssMb;
const callsBefore = tally.calls;
const t0 = performance.now();
await phase(opts.duration);
const seconds = (performance.now() - t0) / 1000;
const endRss = rssOf(pid).rssMb;
agent.destroy();

const health = await fetch(`${running.url}/health`).then((r) => r.status, () => 0);
const after = await send('POST', vendor(), '{"Identifier":"after-the-soak"}');
if ('code' in after && after.code === 0) tally.okImports++;
// The start-up call imported `cold-start`. DELETE answers how many accounts it removed: the
// count without listing 100,000+ accounts (which alone would add tens of MB to the RSS).
const imported = tally.okImports + 1;
const listed = ((await control('DELETE', '/__mock/accounts')) as { deleted: number }).deleted;

// With the accounts gone (the emulator runs a full collection after a bulk deletion), RSS
// should come back to where it began once the pages are returned. Bounded: at most 30 s.
let settledRss = rssOf(pid).rssMb;
for (let i = 0; i < 60 && settledRss > startRss * 1.1; i++) {
  for (let j = 0; j < 50; j++) await send('POST', vendor(), '{}');
  await new Promise((resolve) => setTimeout(resolve, 500));
  settledRss = rssOf(pid).rssMb;
}
const alive = running.child.exitCode === null;
await running.stop();

const checks = {
  'server alive (GET /health 200, process running)': health === 200 && alive,
  'every reply vendor-shaped with a catalogue code': tally.notVendorShaped === 0 && tally.unknownCodes === 0 && tally.otherErrors === 0,
  'account count equals OK imports': listed === imported,
  'RSS back within 10% of the start': settledRss <= startRss * 1.1,
};
const m = machine();
const report = { when: new Date().toISOString(), machine: m, opts, seconds, tally, listed, imported, startRss, endRss, settledRss, checks };
writeFileSync(join(RESULTS, `soak-${report.when.replace(/[:.]/g, '-')}.json`), JSON.stringify(report, null, 2));
process.stdout.write(
  [
    `machine: ${m.nproc} cores, ${m.cpu}, node ${m.node}, loadavg ${m.loadavg}`,
    `${opts.connections} clients for ${round(seconds, 1)} s (after ${opts.warmup} s warm-up): ${round((tally.calls - callsBefore) / seconds, 0)} replies/s; over both, by kind ${JSON.stringify(tally.byKind)}`,
    `not vendor-shaped ${tally.notVendorShaped}, unknown codes ${tally.unknownCodes}, other errors ${tally.otherErrors}, oversized reset before reply ${tally.resetBeforeReply}`,
    `accounts held (DELETE /__mock/accounts) ${listed}, OK imports ${imported}`,
    `RSS start ${round(startRss, 1)} MB, end of load ${round(endRss, 1)} MB, after deleting the accounts ${round(settledRss, 1)} MB`,
    ...tally.samples.map((s) => `  sample: ${s}`),
    ...Object.entries(checks).map(([k, ok]) => `${ok ? 'MET ' : 'MISS'} ${k}`),
    '',
  ].join('\n'),
);
