import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { build, call, IMPORT, SDKAPPID } from '../helper.js';
import { json } from './json.js';
import { buildApp } from '../../src/app.js';
import { mockControls } from '../../src/in-process.js';
import { ConfigError } from '../../src/shared/mock-errors.js';
import { matchesSubset, STUB_LIMIT, StubRegistry } from '../../src/services/stubs/registry.js';
import { StubError } from '../../src/shared/mock-errors.js';

const SENDMSG = '/v4/openim/sendmsg';
const sent = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', MsgTime: 1, MsgKey: 'recorded-key' };

function stubsDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tim-stubs-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

t.test('a control-plane stub answers in place of the command, then reset removes it', async (t) => {
  const { app } = build(t);
  const added = await json(app, 'POST', '/__mock/stubs', { body: { path: SENDMSG, reply: sent } });
  t.equal(added.status, 201);
  t.match(added.body, { id: /^stub-/, source: 'runtime', hits: 0 });
  const reply = await call(t, app, SENDMSG, { To_Account: 'b', MsgRandom: 1, MsgBody: [] });
  t.equal(reply.MsgKey, 'recorded-key', 'the user reply, with its own fields');
  t.match((await json(app, 'GET', '/__mock/stubs')).body, { stubs: [{ id: added.body.id, hits: 1 }] });
  const entry = (await json(app, 'GET', '/__mock/requests')).body.requests.at(-1);
  t.equal(entry.stub, added.body.id, 'the journal marks the call a stub answered');
  t.equal((await json(app, 'POST', '/__mock/reset')).status, 200);
  t.same((await json(app, 'GET', '/__mock/stubs')).body, { stubs: [] });
  t.not((await call(t, app, SENDMSG, { To_Account: 'b', MsgRandom: 1, MsgBody: [] })).MsgKey, 'recorded-key');
});

t.test('a stub replaces an emulated command too, with match, times and FAIL replies', async (t) => {
  const { app } = build(t);
  const fail = { ActionStatus: 'FAIL', ErrorCode: 70169, ErrorInfo: 'server timeout' };
  await json(app, 'POST', '/__mock/stubs', { body: { path: IMPORT, reply: fail, match: { UserID: 'slow' }, times: 1 } });
  t.equal((await call(t, app, IMPORT, { UserID: 'other' })).ErrorCode, 0, 'no match: emulated');
  t.equal((await call(t, app, IMPORT, { UserID: 'slow' })).ErrorCode, 70169, 'matched');
  t.equal((await call(t, app, IMPORT, { UserID: 'slow' })).ErrorCode, 0, 'times spent');
  const { body } = await json(app, 'GET', '/__mock/coverage');
  t.equal(body.commands.find((c: { path: string }) => c.path === IMPORT).served, 'emulated', 'a spent stub no longer counts');
  await json(app, 'POST', '/__mock/stubs', { body: { path: IMPORT, reply: sent } });
  t.equal((await json(app, 'GET', '/__mock/coverage')).body.commands.find((c: { path: string }) => c.path === IMPORT).served, 'user stub');
  t.equal((await json(app, 'DELETE', '/__mock/stubs')).body.removed, 2);
});

t.test('stubs are checked: vendor-shaped replies, vendor paths, known fields', async (t) => {
  const { app } = build(t);
  const refusals: [unknown, RegExp][] = [
    [{ path: '/v4/openim/nope', reply: sent }, /\/v4\/openim\/nope.*not a vendor command/],
    [{ path: SENDMSG, reply: { hello: 1 } }, /ActionStatus/],
    [{ path: SENDMSG, reply: { ActionStatus: 'OK', ErrorCode: 1.5, ErrorInfo: '' } }, /ErrorCode/],
    [{ path: SENDMSG, reply: { ActionStatus: 'OK', ErrorCode: 0 } }, /ErrorInfo/],
    [{ path: SENDMSG, reply: { ActionStatus: 'OK', ErrorCode: 5, ErrorInfo: 'x' } }, /exactly when/],
    [{ path: SENDMSG, reply: sent, delayMs: -1 }, /delayMs/],
  ];
  for (const [body, message] of refusals) {
    const res = await json(app, 'POST', '/__mock/stubs', { body });
    t.equal(res.status, 400);
    t.match(res.body.message, message);
  }
  t.equal((await json(app, 'DELETE', '/__mock/stubs/stub-99')).status, 404);
  const registry = new StubRegistry(new Set([SENDMSG]));
  t.throws(() => registry.add({ path: SENDMSG, reply: sent, extra: 1 }), StubError);
});

t.test('the in-process API adds, lists and removes stubs; a delay answers after it', async (t) => {
  const { app } = build(t);
  const mock = mockControls(app);
  const stub = mock.stub({ path: SENDMSG, reply: sent, delayMs: 1 });
  t.equal((await call(t, app, SENDMSG, { To_Account: 'b' })).MsgKey, 'recorded-key');
  t.equal(mock.stubs()[0]?.hits, 1);
  t.ok(mock.removeStub(stub.id));
  t.notOk(mock.removeStub(stub.id));
  t.throws(() => mock.stub({ path: '/v4/x/y', reply: sent }), { name: 'StubError' });
});

t.test('stub files: the layout users keep, kept by reset; bad files stop the start naming them', async (t) => {
  const dir = stubsDir({
    'console.tim.qq.com/v4/openim/sendmsg.json': JSON.stringify(sent),
    'adminapisgp.im.qcloud.com/v4/sns/friend_add.json': JSON.stringify({ reply: { ActionStatus: 'FAIL', ErrorCode: 30001, ErrorInfo: 'bad' }, match: { From_Account: 'x' } }),
  });
  const { app } = build(t, { stubsDir: dir });
  t.equal((await call(t, app, SENDMSG, {})).MsgKey, 'recorded-key');
  t.equal((await call(t, app, '/v4/sns/friend_add', { From_Account: 'x' })).ErrorCode, 30001);
  await json(app, 'POST', '/__mock/reset');
  t.equal((await call(t, app, SENDMSG, {})).MsgKey, 'recorded-key', 'reset keeps file stubs');
  t.match((await json(app, 'GET', '/__mock/stubs')).body.stubs, [{ source: 'file' }, { source: 'file' }]);

  const bad: [Record<string, string>, RegExp][] = [
    [{ 'console.tim.qq.com/v4/openim/sendmsg.json': '{not json' }, /sendmsg\.json/],
    [{ 'console.tim.qq.com/v4/openim/nope.json': JSON.stringify(sent) }, /nope\.json.*\/v4\/openim\/nope/],
    [{ 'example.com/v4/openim/sendmsg.json': JSON.stringify(sent) }, /example\.com.*laid out/],
    [{ 'console.tim.qq.com/v4/openim/sendmsg.json': '[1]' }, /sendmsg\.json/],
  ];
  for (const [files, message] of bad) {
    const error = t.throws(() => buildApp({ stubsDir: stubsDir(files) }), ConfigError);
    t.match((error as Error).message, message);
  }
  t.throws(() => buildApp({ stubsDir: join(dir, 'missing') }), ConfigError);
});

t.test('a stub file may name a command only the vendor\'s current pages document', async (t) => {
  // https://cloud.tencent.com/document/product/269/74740 (openim/modify_c2c_msg), in the supplement of the catalogue.
  const failed = { ActionStatus: 'FAIL', ErrorCode: 20004, ErrorInfo: 'recorded' };
  const { app } = build(t, { stubsDir: stubsDir({ 'console.tim.qq.com/v4/openim/modify_c2c_msg.json': JSON.stringify(failed) }) });
  const reply = await call(t, app, '/v4/openim/modify_c2c_msg', { From_Account: 'a', To_Account: 'b', MsgKey: '1_2_3' });
  t.match(reply, failed);
});

t.test('the README example: sendmsg fails for one recipient, with a code of the user\'s', async (t) => {
  const { app } = build(t);
  const mock = mockControls(app);
  mock.stub({ path: SENDMSG, match: { To_Account: 'alice' }, reply: { ActionStatus: 'FAIL', ErrorCode: 20003, ErrorInfo: 'To_Account is not imported' } });
  const body = { MsgRandom: 1, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'welcome' } }] };
  app.mock.store.import(SDKAPPID, 'bob', {});
  t.equal((await call(t, app, SENDMSG, { To_Account: 'alice', ...body })).ErrorCode, 20003);
  t.equal((await call(t, app, SENDMSG, { To_Account: 'bob', ...body })).ErrorCode, 0, 'other recipients are served as usual');
  mock.reset();
  t.same(mock.stubs(), []);
});

t.test(`past ${STUB_LIMIT} stubs the control plane answers 400; removing one or a reset makes room`, async (t) => {
  // The cap is documented in docs/control-plane.md (Stubs) and docs/performance.md (Limits and timeouts).
  const { app } = build(t);
  const mock = mockControls(app);
  for (let i = 0; i < STUB_LIMIT; i++) mock.stub({ path: SENDMSG, reply: sent });
  const over = await json(app, 'POST', '/__mock/stubs', { body: { path: SENDMSG, reply: sent } });
  t.equal(over.status, 400);
  t.match(over.body.message, /at most 10000/);
  t.ok(mock.removeStub(mock.stubs()[0]!.id));
  t.equal((await json(app, 'POST', '/__mock/stubs', { body: { path: SENDMSG, reply: sent } })).status, 201, 'one removed: one more fits');
  await json(app, 'POST', '/__mock/reset');
  t.same(mock.stubs(), [], 'a reset clears them all');
});

t.test(`the registry holds at most ${STUB_LIMIT} stubs; subset matching`, async (t) => {
  const registry = new StubRegistry(new Set([SENDMSG]));
  for (let i = 0; i < STUB_LIMIT; i++) registry.add({ path: SENDMSG, reply: sent });
  t.throws(() => registry.add({ path: SENDMSG, reply: sent }), /at most 10000/);
  t.ok(matchesSubset({ a: [1, { b: 2 }] }, { a: [1, { b: 2, c: 3 }], d: 4 }));
  t.notOk(matchesSubset({ a: [1] }, { a: [1, 2] }));
  t.notOk(matchesSubset({ a: [1] }, { a: 1 }));
  t.notOk(matchesSubset({ a: { b: 1 } }, { a: 'x' }));
  t.notOk(matchesSubset({ a: 1 }, {}));
});
