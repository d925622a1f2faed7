import t from 'tap';
import { buildApp, mockControls, startMockServer, FaultSpecError } from '../src/index.js';
import { REGISTER, IMPORT, envelope, assertVendorShaped, SDKAPPID, nextDelay } from './helper.js';

const post = (url: string, path: string, body: unknown) =>
  fetch(`${url}${path}?${new URLSearchParams(envelope())}`, { method: 'POST', body: JSON.stringify(body) });

t.test('startMockServer listens on a free port and serves the vendor API', async (t) => {
  const server = await startMockServer();
  t.teardown(() => server.close());
  t.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  t.ok(server.port > 0);
  t.equal(server.url, `http://127.0.0.1:${server.port}`);
  const res = await post(server.url, IMPORT, { UserID: 'alice' });
  const reply = assertVendorShaped(t, { statusCode: res.status, headers: Object.fromEntries(res.headers), body: await res.text() });
  t.equal(reply.ErrorCode, 0);
  t.equal(server.app.mock.options.logger, false, 'logger off in-process by default');
});

t.test('accounts() lists like GET /__mock/accounts, never a password hash', async (t) => {
  const server = await startMockServer();
  t.teardown(() => server.close());
  await post(server.url, REGISTER, { Identifier: 'alice01', IdentifierType: 3, Password: 'pass12345' });
  await post(server.url, IMPORT, { UserID: 'bob', Nick: 'Bob' });
  await post(`${server.url}`, IMPORT, { UserID: 'carol' }).then((r) => r.text());
  await fetch(`${server.url}${IMPORT}?${new URLSearchParams(envelope({ sdkappid: '1400000002' }))}`, { method: 'POST', body: '{"UserID":"dave"}' });

  const http = (await (await fetch(`${server.url}/__mock/accounts?sdkappid=${SDKAPPID}`)).json()) as { accounts: unknown[] };
  t.same(server.accounts(SDKAPPID), http.accounts);
  // A field the account does not have is left out, in process and over HTTP alike.
  const carol = (accounts: unknown[]) => Object.keys(accounts[2] as object).sort();
  t.same(carol(server.accounts(SDKAPPID)), ['createdAt', 'identifier', 'kind', 'sdkappid', 'updatedAt']);
  t.same(carol(http.accounts), carol(server.accounts(SDKAPPID)));
  t.match(server.accounts(SDKAPPID), [{ identifier: 'alice01', kind: 'hosted', identifierType: 3 }, { identifier: 'bob', nick: 'Bob' }, { identifier: 'carol' }]);
  t.equal(server.accounts().length, 4, 'every app without an sdkappid');
  t.notMatch(JSON.stringify(server.accounts()), /password|sha256/i);
  t.ok(server.app.mock.store.get(SDKAPPID, 'alice01')?.passwordHash, 'the store keeps its hash');
});

t.test('requests() and addFault() share the HTTP routes\' rules', async (t) => {
  const server = await startMockServer();
  t.teardown(() => server.close());
  const id = server.addFault({ errorCode: 70405, path: REGISTER });
  t.match(server.faults(), [{ id, fired: 0 }]);
  const res = await post(server.url, REGISTER, { Identifier: 'alice01', IdentifierType: 3, Password: 'pass12345' });
  t.match(await res.json(), { ErrorCode: 70405 });
  t.match(server.faults(), [{ id, fired: 1, remaining: 0 }]);
  t.match(server.requests(), [{ path: REGISTER, account: 'alice01', errorCode: 70405, fault: id }]);
  t.same(server.requests({ errorCode: 0 }), []);
  t.equal(server.removeFault(id), true);
  t.equal(server.removeFault(id), false);
  t.throws(() => server.addFault({ errorCode: 70405, httpStatus: 502 }), FaultSpecError);
  t.throws(() => server.addFault({} as never), /needs one of/);
});

t.test('drop over real HTTP: the client sees a socket error', async (t) => {
  const server = await startMockServer();
  t.teardown(() => server.close());
  server.addFault({ drop: true, identifier: 'alice' });
  const error = await post(server.url, IMPORT, { UserID: 'alice' }).then(
    () => undefined,
    (e: unknown) => e as Error & { cause?: { code?: string } },
  );
  t.ok(error, 'fetch rejects');
  t.equal(error?.name, 'TypeError', 'fetch failed');
  t.match(String(error?.cause?.code ?? (error?.cause as Error | undefined)?.message), /UND_ERR_SOCKET|ECONNRESET|other side closed/);
  t.equal(server.accounts().length, 0);
  t.match(server.requests(), [{ account: 'alice', status: 0, errorCode: null }]);
  t.match(await (await post(server.url, IMPORT, { UserID: 'alice' })).json(), { ErrorCode: 0 }, 'the server goes on answering');
});

t.test('stage after over real HTTP: the import happens, the connection is dropped', async (t) => {
  const server = await startMockServer();
  t.teardown(() => server.close());
  server.addFault({ drop: true, stage: 'after' });
  await t.rejects(post(server.url, IMPORT, { UserID: 'alice' }));
  t.match(server.accounts(), [{ identifier: 'alice' }]);
});

t.test('delayMs over real HTTP, measured against a client timeout', async (t) => {
  const server = await startMockServer();
  t.teardown(() => server.close());
  server.addFault({ delayMs: 400 });
  const started = performance.now();
  const res = await fetch(`${server.url}${IMPORT}?${new URLSearchParams(envelope())}`, {
    method: 'POST',
    body: '{"UserID":"slow"}',
    signal: AbortSignal.timeout(100),
  }).catch((e: Error) => e);
  t.equal((res as Error).name, 'TimeoutError', "the client's timeout fires first");
  t.ok(performance.now() - started < 5_000);
});

t.test('clock: the emulator time, in milliseconds', async (t) => {
  const server = await startMockServer();
  t.teardown(() => server.close());
  server.clock.set(Date.UTC(2030, 0, 1));
  await post(server.url, IMPORT, { UserID: 'alice' });
  server.clock.advance(60_000);
  t.equal(server.clock.now(), Date.UTC(2030, 0, 1, 0, 1));
  t.equal(server.clock.frozen, true);
  t.match(server.accounts(), [{ createdAt: '2030-01-01T00:00:00.000Z' }]);
  t.match(server.requests(), [{ time: '2030-01-01T00:00:00.000Z' }]);
  const clock = (await (await fetch(`${server.url}/__mock/clock`)).json()) as { nowMs: number };
  t.equal(clock.nowMs, Date.UTC(2030, 0, 1, 0, 1), 'the control plane reads the same clock');
});

t.test('reset(): no accounts, faults, journal or rate-limit state; real time again', async (t) => {
  const server = await startMockServer({ rateLimit: 1 });
  t.teardown(() => server.close());
  server.clock.set(Date.UTC(2030, 0, 1));
  await post(server.url, IMPORT, { UserID: 'alice' });
  t.match(await (await post(server.url, IMPORT, { UserID: 'bob' })).json(), { ErrorCode: 60007 }, 'the bucket is empty');
  server.addFault({ errorCode: 70405 });

  server.reset();
  t.same(server.accounts(), []);
  t.same(server.faults(), []);
  t.same(server.requests(), []);
  t.equal(server.clock.frozen, false);
  t.ok(Math.abs(server.clock.now() - Date.now()) < 60_000, 'real time');
  t.match(await (await post(server.url, IMPORT, { UserID: 'carol' })).json(), { ErrorCode: 0 }, 'a full bucket and no fault');
});

t.test('mockControls works on a buildApp instance without a port', async (t) => {
  const app = buildApp();
  t.teardown(() => app.close());
  const controls = mockControls(app);
  controls.addFault({ errorCode: 70169 });
  const res = await app.inject({ method: 'POST', url: IMPORT, query: envelope(), payload: { UserID: 'alice' } });
  t.match(res.json(), { ErrorCode: 70169 });
  t.match(controls.requests(), [{ errorCode: 70169 }]);
});

t.test('close() does not wait for a pending fault delay', async (t) => {
  const server = await startMockServer();
  server.addFault({ delayMs: 60_000 });
  const delaying = nextDelay(server.app);
  const pending = post(server.url, IMPORT, { UserID: 'slow' }).catch(() => undefined);
  await delaying;
  t.equal(server.faults()[0]?.fired, 1, 'the call is being delayed');
  const started = performance.now();
  await server.close();
  await pending;
  t.ok(performance.now() - started < 10_000, 'closed without waiting the delay out');
});
