import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { buildTargets, flags, machine, pinSelf, round, rssOf, start, type Running } from './lib.js';

/**
 * npm run bench:abuse -- [--accounts 200000] [--batches 200] [--identifiers 200] [--uploads 16] [--phase 10]
 *   [--steps 1] [--no-build]
 *
 * What a hostile or careless client sends, against the built CLI, with a probe client (one
 * connection, one account_import after another, each a new account) timing every call:
 * - saves: 200,000 accounts with and without TIM_SAVE_INTERVAL=1 (two fresh servers), the
 *   probe's p99 in both (the probe's imports change the state, so every save writes);
 * - refused multiaccount_import batches naming 110,000 accounts each;
 * - register calls with a 1,000,000-character Identifier (TIM_BODY_LIMIT 2 MiB, info log);
 * - GET /__mock/requests pages of 1,000 of those entries;
 * - concurrent PUT /__mock/state uploads of the 200,000-account state;
 * with the server's RSS before and after each step. `--steps 0` measures the saves only; the
 * save ratio is the probe's p99 with saves over its p99 without (the goal: at most 2).
 */
const opts = flags({ accounts: '200000', batches: '200', identifiers: '200', uploads: '16', phase: '10', steps: '1' });
await buildTargets(opts.build);
pinSelf();

const T = '2026-01-01T00:00:00.000Z';
const SDKAPPID = 1400000001;
const stateDoc = (n: number): string =>
  JSON.stringify({
    format: 'tim-account-mock/state',
    version: 1,
    apps: [{ sdkappid: SDKAPPID, accounts: Array.from({ length: n }, (_, i) => ({ identifier: `acct${i}`, kind: 'standalone', createdAt: T, updatedAt: T })) }],
  });
const state = stateDoc(opts.accounts);

const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

/** The probe: one call after another until stopped; returns each call's milliseconds. */
function probe(server: Running): { stop(): Promise<{ calls: number; p50: number; p99: number; max: number }> } {
  const dispatcher = new Agent({ connections: 1 });
  const times: number[] = [];
  let running = true;
  let n = 0;
  const loop = (async () => {
    while (running) {
      const t0 = performance.now();
      const res = await request(`${server.url}/v4/im_open_login_svc/account_import?${server.query}`, { method: 'POST', body: `{"UserID":"probe${n++}"}`, dispatcher });
      await res.body.text();
      times.push(performance.now() - t0);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      await dispatcher.close();
      return { calls: times.length, p50: round(percentile(times, 50)), p99: round(percentile(times, 99)), max: round(Math.max(...times)) };
    },
  };
}

const rss = (server: Running): number => round(rssOf(server.child.pid as number).rssMb, 1);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function put(server: Running, body: string): Promise<number> {
  const res = await request(`${server.url}/__mock/state`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body });
  await res.body.text();
  return res.statusCode;
}

/** Runs `calls` with at most `concurrency` at once. */
async function pool(count: number, concurrency: number, call: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < count) await call(next++);
  }));
}

const results: Record<string, unknown> = { machine: machine(), options: opts };

// Saves: the same store and probe, without and with a save every second.
const dir = mkdtempSync(join(tmpdir(), 'tim-abuse-'));
for (const [name, env] of [
  ['withoutSaves', {}],
  ['withSaves', { TIM_STATE_FILE: join(dir, 'state.json'), TIM_SAVE_INTERVAL: '1' }],
] as const) {
  const server = await start({ name: 'emulator', env }, 'any-sig');
  const before = rss(server);
  if ((await put(server, state)) !== 200) throw new Error('the state upload failed');
  await sleep(2000);
  const p = probe(server);
  await sleep(opts.phase * 1000);
  results[name] = { accounts: opts.accounts, probe: await p.stop(), rssMb: { empty: before, loaded: rss(server) } };
  await server.stop();
}
rmSync(dir, { recursive: true, force: true });
const p99Of = (name: string): number => (results[name] as { probe: { p99: number } }).probe.p99;
results.saveRatio = round(p99Of('withSaves') / p99Of('withoutSaves'));
console.log(JSON.stringify({ withoutSaves: results.withoutSaves, withSaves: results.withSaves, saveRatio: results.saveRatio }));
if (opts.steps === 0) {
  console.log(JSON.stringify(results, null, 2));
  process.exit(0);
}

// The abuse steps, one server, the probe throughout.
const server = await start({ name: 'emulator', env: { TIM_BODY_LIMIT: String(2 * 1024 * 1024), LOG_LEVEL: 'info' } }, 'any-sig');
const steps: Record<string, unknown>[] = [];
const step = async (name: string, run: () => Promise<Record<string, unknown> | void>) => {
  await sleep(500);
  const rssBefore = rss(server);
  const p = probe(server);
  const t0 = performance.now();
  const extra = (await run()) ?? {};
  const seconds = round((performance.now() - t0) / 1000);
  await sleep(500);
  steps.push({ step: name, seconds, ...extra, probe: await p.stop(), rssMb: { before: rssBefore, after: rss(server) } });
  console.log(JSON.stringify(steps.at(-1)));
};
const vendor = (path: string, body: string) =>
  request(`${server.url}${path}?${server.query}`, { method: 'POST', body }).then(async (res) => JSON.parse(await res.body.text()) as { ErrorCode: number });

const batch = JSON.stringify({ Accounts: Array.from({ length: 110_000 }, (_, i) => `a${i.toString(36)}`) });
await step(`${opts.batches} refused multiaccount_import naming 110,000 accounts (${round(batch.length / 1024)} KiB each)`, async () => {
  const codes = new Map<number, number>();
  await pool(opts.batches, 4, async () => {
    const { ErrorCode } = await vendor('/v4/im_open_login_svc/multiaccount_import', batch);
    codes.set(ErrorCode, (codes.get(ErrorCode) ?? 0) + 1);
  });
  return { codes: Object.fromEntries(codes) };
});

const huge = JSON.stringify({ Identifier: 'I'.repeat(1_000_000), IdentifierType: 3, Password: 'pass12345' });
await step(`${opts.identifiers} register_account_v1 with a 1,000,000-character Identifier`, async () => {
  const codes = new Map<number, number>();
  await pool(opts.identifiers, 4, async () => {
    const { ErrorCode } = await vendor('/v4/registration_service/register_account_v1', huge);
    codes.set(ErrorCode, (codes.get(ErrorCode) ?? 0) + 1);
  });
  return { codes: Object.fromEntries(codes) };
});

await step('50 GET /__mock/requests?limit=1000 over that journal', async () => {
  let bytes = 0;
  const statuses = new Set<number>();
  for (let i = 0; i < 50; i++) {
    const res = await request(`${server.url}/__mock/requests?limit=1000`);
    bytes = Math.max(bytes, (await res.body.arrayBuffer()).byteLength);
    statuses.add(res.statusCode);
  }
  return { statuses: [...statuses], largestReplyKiB: round(bytes / 1024) };
});

await step(`${opts.uploads} concurrent PUT /__mock/state of ${opts.accounts} accounts (${round(state.length / 1024 / 1024)} MiB)`, async () => {
  const statuses = await Promise.all(Array.from({ length: opts.uploads }, () => put(server, state)));
  const count = (s: number) => statuses.filter((x) => x === s).length;
  return { answered200: count(200), answered429: count(429), other: statuses.length - count(200) - count(429) };
});

await step('DELETE /__mock/requests and /__mock/accounts', async () => {
  for (const path of ['/__mock/requests', '/__mock/accounts']) await (await request(`${server.url}${path}`, { method: 'DELETE' })).body.text();
  await sleep(3000);
});

results.steps = steps;
results.health = (await request(`${server.url}/health`)).statusCode;
await server.stop();
console.log(JSON.stringify(results, null, 2));
