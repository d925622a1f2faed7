import t from 'tap';
import type { Test } from 'tap';
import { buildApp } from '../src/app.js';
import { ControllableClock } from '../src/model/clock.js';
import { checkEveryVendorReply, envelope, IMPORT, REGISTER, vendorShapeViolation, type SentReply } from './helper.js';

const MULTI = '/v4/im_open_login_svc/multiaccount_import';
const sent = (over: Partial<SentReply>): SentReply => ({
  path: IMPORT,
  command: 'account_import',
  faultKind: undefined,
  statusCode: 200,
  contentType: 'application/json; charset=utf-8',
  payload: '{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}',
  ...over,
});

t.test('the checker passes what the vendor sends', async (t) => {
  const good: Partial<SentReply>[] = [
    {},
    { payload: '{"ActionStatus":"FAIL","ErrorInfo":"the caller is not the App administrator","ErrorCode":70403}' },
    { path: MULTI, command: 'multiaccount_import', payload: '{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"FailAccounts":["a"]}' },
    { command: 'account_check', payload: '{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"ResultItem":[]}' },
    { command: undefined, payload: '{"ActionStatus":"FAIL","ErrorInfo":"unknown command","ErrorCode":60009}' },
    { faultKind: 'errorCode', payload: '{"ActionStatus":"FAIL","ErrorInfo":"error injected by the emulator","ErrorCode":71234}' },
    { faultKind: 'httpStatus', statusCode: 502, contentType: 'text/html', payload: '<html>502</html>' },
  ];
  for (const over of good) t.equal(vendorShapeViolation(sent(over)), undefined, JSON.stringify(over));
});

t.test('the checker names what is wrong with anything else', async (t) => {
  const bad: [Partial<SentReply>, RegExp][] = [
    [{ statusCode: 500 }, /HTTP 500/],
    [{ statusCode: 502, contentType: 'text/html', payload: '<html/>' }, /HTTP 502/],
    [{ contentType: 'text/plain' }, /content-type text\/plain/],
    [{ payload: '{"ActionStatus":"OK"' }, /not JSON/],
    [{ payload: '[1]' }, /not a JSON object/],
    [{ payload: '{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"FailAccounts":[]}' }, /does not send: FailAccounts/],
    [{ command: 'multiaccount_import', payload: '{"ActionStatus":"FAIL","ErrorInfo":"x","ErrorCode":70402,"FailAccounts":[]}' }, /does not send: FailAccounts/],
    [{ payload: '{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"statusCode":500}' }, /does not send: statusCode/],
    [{ payload: '{"ActionStatus":"OK","ErrorCode":0}' }, /missing ErrorInfo/],
    [{ payload: '{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":"0"}' }, /ErrorCode "0"/],
    [{ payload: '{"ActionStatus":"OK","ErrorInfo":"fine","ErrorCode":0}' }, /ErrorCode 0 with/],
    [{ payload: '{"ActionStatus":"FAIL","ErrorInfo":"","ErrorCode":0}' }, /ErrorCode 0 with/],
    [{ payload: '{"ActionStatus":"OK","ErrorInfo":"x","ErrorCode":70402}' }, /ActionStatus "OK"/],
    [{ payload: '{"ActionStatus":"FAIL","ErrorInfo":"","ErrorCode":70402}' }, /without an ErrorInfo/],
    [{ payload: '{"ActionStatus":"FAIL","ErrorInfo":"?","ErrorCode":71234}' }, /71234 is not in the catalogue/],
    [{ faultKind: 'delay', statusCode: 500 }, /HTTP 500/],
  ];
  for (const [over, why] of bad) t.match(vendorShapeViolation(sent(over)), why, JSON.stringify(over));
});

/** A stand-in for a tap Test that records what the checker asserts instead of failing this file. */
function recorder() {
  const asserted: unknown[] = [];
  const teardowns: (() => void)[] = [];
  const fake = {
    onbeforeend: () => undefined,
    same: (found: unknown) => void asserted.push(found),
    teardown: (fn: () => void) => void teardowns.push(fn),
  };
  return { fake: fake as unknown as Test, asserted, end: () => fake.onbeforeend(), teardown: () => teardowns.forEach((fn) => fn()) };
}

/** An emulator whose /v4 replies `checked` watches, with one route under /v4 that answers badly. */
function watchedApp(t: Test, checked: ReturnType<typeof recorder>) {
  const clock = new ControllableClock();
  clock.set(Date.UTC(2026, 0, 1));
  const app = buildApp({ clock });
  t.teardown(() => app.close());
  checkEveryVendorReply(checked.fake, app);
  app.post('/v4/test_only/bad_reply', async (_request, reply) => reply.code(500).send({ error: 'boom' }));
  return app;
}
const badCall = { method: 'POST', url: '/v4/test_only/bad_reply', query: envelope() } as const;

t.test('every /v4 reply an app sends is checked, even from a bare app.inject', async (t) => {
  const checked = recorder();
  const app = watchedApp(t, checked);
  const valid = await app.inject({ method: 'POST', url: REGISTER, query: envelope(), payload: { Identifier: 'alice01', IdentifierType: 3, Password: 'pass12345' } });
  t.equal(valid.json().ErrorCode, 0);
  t.equal((await app.inject({ method: 'POST', url: '/v4/no_such/command', query: envelope() })).json().ErrorCode, 60009);
  t.equal((await app.inject({ url: '/__mock/accounts' })).statusCode, 200);
  t.equal((await app.inject({ url: '/health' })).statusCode, 200);
  t.equal((await app.inject({ method: 'POST', url: '/__mock/faults', payload: { httpStatus: 503 } })).statusCode, 200);
  t.equal((await app.inject({ method: 'POST', url: IMPORT, query: envelope(), payload: { UserID: 'x' } })).statusCode, 503);
  checked.end();
  t.same(checked.asserted, [[]], 'vendor replies, the control plane and an armed httpStatus fault pass');

  t.equal((await app.inject(badCall)).statusCode, 500, 'the bad route answered');
  t.throws(() => checked.teardown(), /not vendor-shaped: \/v4\/test_only\/bad_reply \(no command\): HTTP 500/, 'a reply after the end fails at teardown');
});

t.test('a bad /v4 reply during a test fails it before it ends, once', async (t) => {
  const checked = recorder();
  const app = watchedApp(t, checked);
  await app.inject(badCall);
  checked.end();
  t.match(checked.asserted, [[/\/v4\/test_only\/bad_reply .*HTTP 500/]]);
  t.doesNotThrow(() => checked.teardown(), 'not reported again at teardown');
});
