import t, { type Test } from 'tap';
import type { FastifyInstance } from 'fastify';
import { Errors } from '../../src/tim/errors.js';
import { build, call, envelope, IMPORT, nextDelay, REGISTER, SDKAPPID } from '../helper.js';

const arm = async (t: Test, app: FastifyInstance, spec: object): Promise<string> => {
  const res = await app.inject({ method: 'POST', url: '/__mock/faults', payload: spec });
  t.equal(res.statusCode, 200, res.body);
  return (res.json() as { id: string }).id;
};
const listFaults = async (app: FastifyInstance) => (await app.inject('/__mock/faults')).json().faults as Record<string, unknown>[];
const register = (t: Test, app: FastifyInstance, id = 'alice01', query?: Record<string, string>) =>
  call(t, app, REGISTER, { Identifier: id, IdentifierType: 3, Password: 'pass12345' }, query && { query });
const importAccount = (t: Test, app: FastifyInstance, id = 'alice01', query?: Record<string, string>) =>
  call(t, app, IMPORT, { UserID: id }, query && { query });
const accountExists = (app: FastifyInstance, id: string, sdkappid = SDKAPPID) => app.mock.store.get(sdkappid, id) !== undefined;

t.test('POST arms, GET lists with fired counts, DELETE disarms', async (t) => {
  const { app } = build(t);
  const a = await arm(t, app, { errorCode: 70405, path: REGISTER, times: 2 });
  const b = await arm(t, app, { delayMs: 5, identifier: 'bob01', times: 0 });
  t.match(await listFaults(app), [
    { id: a, kind: 'errorCode', errorCode: 70405, path: REGISTER, times: 2, fired: 0, remaining: 2, stage: 'before', probability: 1 },
    { id: b, kind: 'delay', delayMs: 5, identifier: 'bob01', times: 0, fired: 0, remaining: null },
  ]);
  await register(t, app);
  t.match(await listFaults(app), [{ id: a, fired: 1, remaining: 1 }, { id: b, fired: 0 }]);

  let res = await app.inject({ method: 'DELETE', url: `/__mock/faults/${a}` });
  t.same(res.json(), { removed: 1 });
  res = await app.inject({ method: 'DELETE', url: `/__mock/faults/${a}` });
  t.equal(res.statusCode, 404);
  t.match(res.json(), { statusCode: 404, message: `no fault ${a}` });
  res = await app.inject({ method: 'DELETE', url: '/__mock/faults' });
  t.same(res.json(), { removed: 1 });
  t.same(await listFaults(app), []);
});

t.test('a bad spec is a 400 naming the problem', async (t) => {
  const { app } = build(t);
  const cases: [unknown, RegExp][] = [
    [{ errorCode: 70405, httpStatus: 502 }, /errorCode and httpStatus were both given/],
    [{ stage: 'after' }, /needs one of errorCode, httpStatus, drop or delayMs/],
    [{ errorCode: 70405, identifer: 'x' }, /identifer: Unexpected property/],
    [{ httpStatus: 302 }, /httpStatus/],
    [{ errorCode: 70405, path: '/v4/nope/nope' }, /not a command the emulator serves/],
  ];
  for (const [spec, message] of cases) {
    const res = await app.inject({ method: 'POST', url: '/__mock/faults', payload: spec as object });
    t.equal(res.statusCode, 400);
    t.match(res.json(), { statusCode: 400, error: 'Bad Request', message });
  }
  const notJson = await app.inject({ method: 'POST', url: '/__mock/faults', payload: 'x', headers: { 'content-type': 'text/plain' } });
  t.ok(notJson.statusCode >= 400 && notJson.statusCode < 500, 'a body that is not JSON is refused');
  t.same(await listFaults(app), [], 'nothing was armed');
});

t.test('the fault routes need the mock token when one is set', async (t) => {
  const { app } = build(t, { mockToken: 'tok-3f9a' });
  for (const [method, url] of [['POST', '/__mock/faults'], ['GET', '/__mock/faults'], ['DELETE', '/__mock/faults'], ['DELETE', '/__mock/faults/fault-1']] as const) {
    const res = await app.inject({ method, url, ...(method === 'POST' && { payload: { drop: true } }) });
    t.equal(res.statusCode, 401, `${method} ${url}`);
  }
  const res = await app.inject({ method: 'POST', url: '/__mock/faults', payload: { drop: true }, headers: { authorization: 'Bearer tok-3f9a' } });
  t.equal(res.statusCode, 200);
});

t.test('errorCode: the vendor FAIL with the catalogue text, nothing imported', async (t) => {
  const { app } = build(t);
  await arm(t, app, { errorCode: 70405 });
  t.same(await register(t, app), { ActionStatus: 'FAIL', ErrorInfo: Errors.RegisterRetryLater.info, ErrorCode: 70405 });
  t.notOk(accountExists(app, 'alice01'), 'stage before: nothing imported');
  t.match(await register(t, app), { ErrorCode: 0 }, 'once: the retry succeeds');
  t.ok(accountExists(app, 'alice01'));
});

t.test("errorCode 70404 on account_import: the seed's profile timeout text, nothing imported", async (t) => {
  const { app } = build(t);
  await arm(t, app, { errorCode: 70404, path: IMPORT });
  t.same(await importAccount(t, app), { ActionStatus: 'FAIL', ErrorInfo: Errors.ImportTimeout.info, ErrorCode: 70404 });
  t.notOk(accountExists(app, 'alice01'), 'stage before: nothing imported');
  t.same(await importAccount(t, app), { ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0 }, 'the retry succeeds');
  t.ok(accountExists(app, 'alice01'));
});

t.test("errorCode: a code two commands share gets the command's own text", async (t) => {
  const { app } = build(t);
  await arm(t, app, { errorCode: 70402, times: 2 });
  t.match(await register(t, app), { ErrorCode: 70402, ErrorInfo: Errors.RegisterAccountExists.info });
  t.match(await importAccount(t, app), { ErrorCode: 70402, ErrorInfo: Errors.ImportBadRequest.info });
});

t.test('errorCode: a common code, and a code not in the catalogue with a generic text', async (t) => {
  const { app } = build(t);
  await arm(t, app, { errorCode: 60007 });
  await arm(t, app, { errorCode: 71234 });
  t.match(await importAccount(t, app), { ErrorCode: 60007, ErrorInfo: Errors.RateLimited.info });
  t.match(await importAccount(t, app), { ActionStatus: 'FAIL', ErrorCode: 71234, ErrorInfo: 'error injected by the emulator' });
});

t.test('httpStatus: that status with a gateway HTML page, not vendor JSON', async (t) => {
  const { app } = build(t);
  await arm(t, app, { httpStatus: 502 });
  const res = await app.inject({ method: 'POST', url: REGISTER, query: envelope(), payload: { Identifier: 'alice01', IdentifierType: 3, Password: 'pass12345' } });
  t.equal(res.statusCode, 502);
  t.match(res.headers['content-type'], /^text\/html/);
  t.match(res.body, /<title>502 Bad Gateway<\/title>/);
  t.throws(() => JSON.parse(res.body), 'not JSON');
  t.notOk(accountExists(app, 'alice01'));
  await arm(t, app, { httpStatus: 504 });
  const timeout = await app.inject({ method: 'POST', url: IMPORT, query: envelope(), payload: { UserID: 'x' } });
  t.equal(timeout.statusCode, 504);
  t.match(timeout.body, /504 Gateway Timeout/);
});

t.test('drop: the connection is destroyed without an answer', async (t) => {
  const { app } = build(t);
  await arm(t, app, { drop: true });
  await t.rejects(app.inject({ method: 'POST', url: IMPORT, query: envelope(), payload: { UserID: 'alice01' } }));
  t.notOk(accountExists(app, 'alice01'));
  t.match(await importAccount(t, app), { ErrorCode: 0 }, 'the next call is answered');
});

t.test('stage after: the import happens, then the fault answers', async (t) => {
  const { app } = build(t);
  await arm(t, app, { errorCode: 70405, stage: 'after' });
  t.match(await register(t, app), { ErrorCode: 70405 });
  t.ok(accountExists(app, 'alice01'), 'the account IS imported');
  t.match(await register(t, app), { ErrorCode: 70402 }, "a client's retry then meets the account it made");

  await arm(t, app, { httpStatus: 502, stage: 'after' });
  const res = await app.inject({ method: 'POST', url: IMPORT, query: envelope(), payload: { UserID: 'bob01' } });
  t.equal(res.statusCode, 502);
  t.ok(accountExists(app, 'bob01'));

  await arm(t, app, { drop: true, stage: 'after' });
  await t.rejects(app.inject({ method: 'POST', url: IMPORT, query: envelope(), payload: { UserID: 'carol01' } }));
  t.ok(accountExists(app, 'carol01'));
});

t.test('stage after does not fire when the call itself fails, and is not spent by it', async (t) => {
  const { app } = build(t);
  await register(t, app);
  const id = await arm(t, app, { errorCode: 70405, stage: 'after' });
  t.match(await register(t, app), { ErrorCode: 70402 }, 'the real error');
  t.match(await listFaults(app), [{ id, fired: 0 }]);
});

t.test('faults apply to valid calls only: bad envelopes and bad fields get their real error and do not spend the fault', async (t) => {
  const { app } = build(t);
  const id = await arm(t, app, { errorCode: 70405 });
  t.match(await register(t, app, 'alice01', { usersig: '' }), { ErrorCode: 60004 }, 'no usersig');
  t.match(await call(t, app, REGISTER, { Identifier: 'alice01', IdentifierType: 3 }), { ErrorCode: 70418 }, 'a missing field');
  t.match(await call(t, app, REGISTER, undefined, { raw: '{' }), { ErrorCode: 60003 }, 'not JSON');
  t.match(await register(t, app, 'alice01', { identifier: 'someone' }), { ErrorCode: 70425 }, 'not the admin');
  t.match(await listFaults(app), [{ id, fired: 0 }]);
  t.match(await register(t, app), { ErrorCode: 70405 });
});

t.test('matching by path, sdkappid and identifier', async (t) => {
  const { app } = build(t);
  await arm(t, app, { errorCode: 70405, path: REGISTER, times: 0 });
  t.match(await importAccount(t, app, 'x1'), { ErrorCode: 0 }, 'another path');
  t.match(await register(t, app, 'xuser1'), { ErrorCode: 70405 });
  await app.inject({ method: 'DELETE', url: '/__mock/faults' });

  await arm(t, app, { errorCode: 70405, sdkappid: 1400000002, times: 0 });
  t.match(await importAccount(t, app, 'x2'), { ErrorCode: 0 }, 'another app');
  t.match(await importAccount(t, app, 'x2', { sdkappid: '1400000002' }), { ErrorCode: 70405 });
  await app.inject({ method: 'DELETE', url: '/__mock/faults' });

  await arm(t, app, { errorCode: 70405, identifier: 'victim', times: 0 });
  t.match(await importAccount(t, app, 'bystander'), { ErrorCode: 0 }, 'another account');
  t.match(await importAccount(t, app, 'victim'), { ErrorCode: 70405 }, 'UserID');
  t.match(await call(t, app, IMPORT, { Identifier: 'victim' }), { ErrorCode: 70405 }, 'Identifier');
});

t.test('times: fires N times then stops; 0 fires until removed', async (t) => {
  const { app } = build(t);
  await arm(t, app, { errorCode: 70405, times: 3 });
  const codes = [];
  for (let i = 0; i < 5; i++) codes.push((await importAccount(t, app, `u${i}`)).ErrorCode);
  t.same(codes, [70405, 70405, 70405, 0, 0]);

  const forever = await arm(t, app, { errorCode: 70169, times: 0 });
  for (let i = 0; i < 10; i++) t.match(await importAccount(t, app), { ErrorCode: 70169 });
  t.match(await listFaults(app), [{ fired: 3, remaining: 0 }, { id: forever, fired: 10, remaining: null }]);
  await app.inject({ method: 'DELETE', url: `/__mock/faults/${forever}` });
  t.match(await importAccount(t, app), { ErrorCode: 0 });
});

t.test('seeded probability: two apps with the same seed answer the same sequence', async (t) => {
  const run = async (seed: number) => {
    const { app } = build(t);
    await arm(t, app, { errorCode: 70405, times: 0, probability: 0.3, seed });
    const fired: boolean[] = [];
    for (let i = 0; i < 40; i++) fired.push((await importAccount(t, app, `u${i}`)).ErrorCode === 70405);
    return fired;
  };
  const first = await run(2024);
  t.same(await run(2024), first, 'same seed, same fire/no-fire sequence');
  t.ok(first.includes(true) && first.includes(false), 'some calls fire and some do not');
  t.notSame(await run(7), first, 'another seed, another sequence');
});

t.test('delayMs: the answer comes no sooner than the delay (and not much later)', async (t) => {
  const { app } = build(t);
  await arm(t, app, { delayMs: 150 });
  let started = performance.now();
  t.match(await importAccount(t, app), { ErrorCode: 0 }, 'a bare delay then answers as usual');
  let elapsed = performance.now() - started;
  t.ok(elapsed >= 145 && elapsed < 5_000, `delayed ${elapsed.toFixed(0)} ms`);

  await arm(t, app, { errorCode: 70405, delayMs: 100, stage: 'after' });
  started = performance.now();
  t.match(await importAccount(t, app, 'late01'), { ErrorCode: 70405 });
  elapsed = performance.now() - started;
  t.ok(elapsed >= 95 && elapsed < 5_000, `delayed ${elapsed.toFixed(0)} ms`);
  t.ok(accountExists(app, 'late01'));

  t.match(await listFaults(app), [{ fired: 1, remaining: 0 }, { fired: 1, remaining: 0 }], 'each delay was spent once');
  t.match(await importAccount(t, app), { ErrorCode: 0 });
  const [last] = (await app.inject('/__mock/requests?limit=1')).json().requests as Record<string, unknown>[];
  t.match(last, { account: 'alice01', errorCode: 0, fault: null }, 'no fault left, so the next call is not delayed');
});

t.test('close() does not wait for a pending delay', async (t) => {
  const { app } = build(t);
  await app.ready();
  await arm(t, app, { delayMs: 60_000 });
  const started = performance.now();
  const delaying = nextDelay(app);
  const pending = app.inject({ method: 'POST', url: IMPORT, query: envelope(), payload: { UserID: 'slow01' } });
  // So that close() meets a pending delay.
  await delaying;
  t.equal(app.mock.faults.list()[0]?.fired, 1, 'the call is being delayed');
  await app.close();
  await pending.catch(() => undefined);
  t.ok(performance.now() - started < 10_000, 'closed without waiting a minute');
});
