import { once } from 'node:events';
import { request, type IncomingMessage } from 'node:http';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { STATE_FORMAT, STATE_VERSION, type StateDocument } from '../../src/services/state-file/document.js';
import { assertVendorShaped } from '../helper.js';
import { CLI, freePort, IMPORT_PATH, refused, spawnNode, startCli, until, VENDOR_QUERY, vendorCall, type Child } from './child.js';

interface InFlight {
  /** Sends the rest of the body. */
  finish(): void;
  response: Promise<IncomingMessage & { text: string }>;
}

/**
 * A vendor call that stays in flight for as long as the test wants: it asks for
 * `100 Continue`, which the server sends once it has parsed the headers and taken the request
 * on, and the body is only sent on `finish()`.
 */
async function inFlightImport(child: Child, identifier: string): Promise<InFlight> {
  const body = JSON.stringify({ Identifier: identifier, Nick: 'in flight' });
  const req = request(`${child.url}${IMPORT_PATH}?${VENDOR_QUERY}`, {
    method: 'POST',
    agent: false,
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), expect: '100-continue' },
  });
  const response = new Promise<IncomingMessage & { text: string }>((resolve, reject) => {
    req.on('response', (res: IncomingMessage) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve(Object.assign(res, { text })));
    });
    req.on('error', reject);
  });
  response.catch(() => undefined);
  req.flushHeaders();
  await once(req, 'continue');
  return { finish: () => req.end(body), response };
}

// Real processes and a real 5 s drain: well over tap's default per-file timeout.
t.setTimeout(180_000);

async function scratch(t: Test): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tim-cli-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Resolves once the child's stdout is read to its end (it may still be flowing at exit). */
async function outputRead(child: Child): Promise<void> {
  const out = child.process.stdout;
  if (out !== null && !out.readableEnded) await once(out, 'end');
}

/** Kills the child at teardown if a failed assertion left it running. */
function reap(t: Test, child: Child): void {
  t.teardown(() => {
    if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGKILL');
  });
}

t.test('SIGTERM: refuses new connections, finishes the request in flight, saves the state, exits 0', async (t) => {
  const file = join(await scratch(t), 'state.json');
  const child = await startCli(['--state-file', file]);
  reap(t, child);
  t.match(await vendorCall(t, child.url, IMPORT_PATH, { Identifier: 'before' }), { ErrorCode: 0 });

  const inFlight = await inFlightImport(child, 'in-flight');
  const signalledAt = Date.now();
  child.process.kill('SIGTERM');
  await until(() => refused(child.port), 3000, 'the listening socket to close');
  t.pass('new connections are refused');

  inFlight.finish();
  const res = await inFlight.response;
  t.match(assertVendorShaped(t, { statusCode: res.statusCode ?? 0, headers: res.headers, body: res.text }), { ErrorCode: 0 }, 'the request in flight got its answer');
  const answeredAt = Date.now();

  const { code, at } = await child.exited;
  await outputRead(child);
  t.equal(code, 0, 'exit code 0');
  // The drain bound's warning is the event that tells a drained exit from a cut one; the time
  // bound leaves a loaded machine seconds of slack and still ends before the 5 s drain bound.
  t.notMatch(child.stdout(), /requests still in flight/, 'the drain did not reach its bound');
  t.ok(at - signalledAt < 4900, `exited ${at - signalledAt} ms after SIGTERM (${at - answeredAt} ms after the last answer), before the 5 s drain bound`);

  const saved = JSON.parse(await readFile(file, 'utf8')) as StateDocument;
  t.same(saved.apps.flatMap((a) => a.accounts.map((x) => x.identifier)), ['before', 'in-flight'], 'the saved state includes the request that was in flight');
});

t.test('SIGINT closes gracefully too', async (t) => {
  const child = await startCli();
  reap(t, child);
  child.process.kill('SIGINT');
  t.equal((await child.exited).code, 0);
});

t.test('a request still in flight after 5 s has its connection cut; the exit is still 0', async (t) => {
  const child = await startCli();
  reap(t, child);
  const stuck = await inFlightImport(child, 'never-finished');
  const signalledAt = Date.now();
  child.process.kill('SIGTERM');
  const { code, at } = await child.exited;
  t.equal(code, 0, 'exit code 0');
  t.ok(at - signalledAt >= 4900 && at - signalledAt < 8000, `exited ${at - signalledAt} ms after SIGTERM: at the 5 s drain bound`);
  await t.rejects(stuck.response, 'the stuck request was cut off');
  t.match(child.stdout(), /requests still in flight after 5000 ms/);
});

t.test('a second signal exits at once, with 128 + its number', async (t) => {
  for (const [signal, exitCode] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    const file = join(await scratch(t), 'state.json');
    const child = await startCli(['--state-file', file]);
    reap(t, child);
    await inFlightImport(child, 'never-finished');
    child.process.kill(signal);
    await until(() => refused(child.port), 3000, 'the first signal to be handled');
    const secondAt = Date.now();
    child.process.kill(signal);
    const { code, at } = await child.exited;
    t.equal(code, exitCode, `second ${signal}: exit code ${exitCode}`);
    // Exit code 128 + n already tells the second-signal path from a drained exit (0); the bound
    // leaves a loaded machine slack and still ends well before the 5 s drain bound.
    t.ok(at - secondAt < 4000, `exited ${at - secondAt} ms after the second ${signal}, before the 5 s drain bound`);
    await outputRead(child);
    t.match(child.stdout(), `second ${signal}: exiting at once`, 'the second-signal path');
    await t.rejects(readFile(file), { code: 'ENOENT' }, 'a forced exit saves nothing');
  }
});

const accountsIn = (doc: StateDocument): string[] => doc.apps.flatMap((a) => a.accounts.map((x) => x.identifier));

t.test('a restart with the state file restores the accounts, loaded before /health answers', async (t) => {
  const file = join(await scratch(t), 'state.json');
  const first = await startCli(['--state-file', file]);
  reap(t, first);
  // Enough accounts that loading them takes a noticeable time.
  const accounts = Array.from({ length: 20_000 }, (_, i) => ({ identifier: `user${i}`, kind: 'standalone', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' }));
  const put = await fetch(`${first.url}/__mock/state`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ format: STATE_FORMAT, version: STATE_VERSION, apps: [{ sdkappid: 1400000001, accounts }] }),
  });
  t.equal(put.status, 200);
  t.match(await vendorCall(t, first.url, IMPORT_PATH, { Identifier: 'last', Nick: 'L' }), { ErrorCode: 0 });
  const before = (await (await fetch(`${first.url}/__mock/state`)).json()) as StateDocument;
  first.process.kill('SIGTERM');
  t.equal((await first.exited).code, 0);

  // Poll /health from the moment the process starts: its first 200 must already see every account.
  const port = await freePort();
  const { child, stdout, exited } = spawnNode([CLI, '--state-file', file], { PORT: String(port), LOG_LEVEL: 'info' });
  t.teardown(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  const url = `http://127.0.0.1:${port}`;
  await until(() => fetch(`${url}/health`).then((r) => r.ok, () => false), 15_000, '/health');
  const after = (await (await fetch(`${url}/__mock/state`)).json()) as StateDocument;
  t.equal(accountsIn(after).length, 20_001, 'all 20,001 accounts are there when /health first answers');
  t.same(after, before, 'the restored state is the saved one');
  t.ok(stdout().indexOf('"state loaded"') < stdout().indexOf('Server listening'), 'the state is loaded before the server listens');
  t.match(await vendorCall(t, url, IMPORT_PATH, { Identifier: 'user19999', Nick: 'back' }), { ErrorCode: 0 });
  child.kill('SIGTERM');
  t.equal((await exited).code, 0);
});

t.test('--save-interval saves periodically: a SIGKILL afterwards loses nothing saved', async (t) => {
  const file = join(await scratch(t), 'state.json');
  const first = await startCli(['--state-file', file, '--save-interval', '1']);
  reap(t, first);
  t.match(await vendorCall(t, first.url, IMPORT_PATH, { Identifier: 'periodic' }), { ErrorCode: 0 });
  const saved = async (): Promise<boolean> =>
    readFile(file, 'utf8').then((text) => accountsIn(JSON.parse(text) as StateDocument).includes('periodic'), () => false);
  await until(saved, 5000, 'a periodic save');
  first.process.kill('SIGKILL');
  t.equal((await first.exited).signal, 'SIGKILL');

  const second = await startCli(['--state-file', file]);
  reap(t, second);
  const state = (await (await fetch(`${second.url}/__mock/state`)).json()) as StateDocument;
  t.same(accountsIn(state), ['periodic']);
  second.process.kill('SIGTERM');
  t.equal((await second.exited).code, 0);
});

t.test('a corrupt state file stops the start with exit 2 and a message naming it', async (t) => {
  const file = join(await scratch(t), 'state.json');
  await writeFile(file, '{"format":"tim-account-mock/state",');
  const { stderr, exited } = spawnNode([CLI, '--state-file', file], { PORT: '0' });
  t.equal((await exited).code, 2);
  t.match(stderr(), `tim-account-mock: state file ${file} is not valid JSON`);
  t.equal(await readFile(file, 'utf8'), '{"format":"tim-account-mock/state",', 'left as it was');
});
