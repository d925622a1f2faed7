import t from 'tap';
import { commandPath } from '../../../src/tim/command.js';
import multiaccountImport from '../../../src/tim/v4/im_open_login_svc/multiaccount_import.js';
import { build, call, IMPORT, SDKAPPID } from '../../helper.js';

const MULTI = commandPath(multiaccountImport);
const ids = (n: number, prefix = 'user'): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

t.test('the Accounts form (older SDKs) imports every account and lists no failures', async (t) => {
  const { app } = build(t);
  const reply = await call(t, app, MULTI, { Accounts: ['id1', 'id2'] });
  t.same(reply, { ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0, FailAccounts: [] });
  t.match(app.mock.store.get(SDKAPPID, 'id1'), { kind: 'standalone', identifier: 'id1' });
  t.match(app.mock.store.get(SDKAPPID, 'id2'), { kind: 'standalone', identifier: 'id2' });
  t.equal(app.mock.store.count(SDKAPPID), 2);
});

t.test('the AccountList form (newer docs) imports profiles and updates existing accounts', async (t) => {
  const { app } = build(t);
  await call(t, app, IMPORT, { UserID: 'old', Nick: 'before', FaceUrl: 'http://a/1.png' });
  const reply = await call(t, app, MULTI, {
    AccountList: [
      { UserID: 'id1', Nick: 'one', FaceUrl: 'http://a/one.png' },
      { UserID: 'old', Nick: 'after' },
      { Identifier: 'seedname', FaceUrl: '' },
    ],
  });
  t.same(reply.FailAccounts, []);
  t.match(app.mock.store.get(SDKAPPID, 'id1'), { nick: 'one', faceUrl: 'http://a/one.png' });
  t.match(app.mock.store.get(SDKAPPID, 'old'), { nick: 'after', faceUrl: 'http://a/1.png' }, 'an omitted FaceUrl is kept');
  t.match(app.mock.store.get(SDKAPPID, 'seedname'), { faceUrl: '' });
  t.equal(app.mock.store.count(SDKAPPID), 3);
});

t.test('1 to 100 accounts per call, in both forms', async (t) => {
  const { app } = build(t);
  t.same((await call(t, app, MULTI, { Accounts: ['only'] })).FailAccounts, []);
  t.same((await call(t, app, MULTI, { Accounts: ids(100, 'a') })).FailAccounts, [], '100 accounts');
  t.same((await call(t, app, MULTI, { AccountList: ids(100, 'l').map((UserID) => ({ UserID })) })).FailAccounts, []);
  t.equal(app.mock.store.count(SDKAPPID), 201);

  for (const body of [
    { Accounts: ids(101, 'x') },
    { AccountList: ids(101, 'y').map((UserID) => ({ UserID })) },
    { Accounts: [] },
    { AccountList: [] },
  ]) {
    t.match(await call(t, app, MULTI, body), { ActionStatus: 'FAIL', ErrorCode: 70402 }, 'empty or over 100: 70402');
  }
  t.equal(app.mock.store.count(SDKAPPID), 201, 'a refused call imports nothing');
});

t.test('a body of the wrong shape is refused whole with 70402', async (t) => {
  const { app } = build(t);
  const shapes: Record<string, unknown> = {
    'no list': {},
    'both forms at once': { Accounts: ['a'], AccountList: [{ UserID: 'b' }] },
    'Accounts not an array': { Accounts: 'a' },
    'Accounts null': { Accounts: null },
    'AccountList an object': { AccountList: { UserID: 'a' } },
    'a number in Accounts': { Accounts: ['a', 7] },
    'null in Accounts': { Accounts: ['a', null] },
    'an object in Accounts': { Accounts: ['a', { UserID: 'b' }] },
    'a string in AccountList': { AccountList: [{ UserID: 'a' }, 'b'] },
    'an array in AccountList': { AccountList: [{ UserID: 'a' }, ['b']] },
    'null in AccountList': { AccountList: [{ UserID: 'a' }, null] },
  };
  for (const [name, body] of Object.entries(shapes)) {
    t.match(await call(t, app, MULTI, body), { ActionStatus: 'FAIL', ErrorCode: 70402 }, name);
  }
  t.match(await call(t, app, MULTI, undefined, { raw: '[{"UserID":"a"}]' }), { ErrorCode: 70402 }, 'a JSON array body');
  t.match(await call(t, app, MULTI, undefined, { raw: '{"Accounts":[' }), { ErrorCode: 60003 }, 'broken JSON');
  t.equal(app.mock.store.count(SDKAPPID), 0, 'nothing was imported');
});

t.test("each account follows account_import's rules: the invalid ones are listed, the valid ones imported", async (t) => {
  const { app } = build(t);
  const bytes32 = '字'.repeat(10) + 'ab';
  const bytes33 = '字'.repeat(11);
  const reply = await call(t, app, MULTI, {
    AccountList: [
      { UserID: 'ok1' },
      { UserID: bytes33 },
      { UserID: '' },
      { UserID: 123 },
      { Nick: 'no account' },
      { UserID: 'longnick', Nick: 'n'.repeat(501) },
      { UserID: 'longface', FaceUrl: 'f'.repeat(501) },
      { UserID: 'badtype', Type: 2 },
      { UserID: 'numnick', Nick: 5 },
      { UserID: 'two', Identifier: 'names' },
      { UserID: bytes32, Nick: 'n'.repeat(500) },
      { UserID: 'robot', Type: 1 },
    ],
  });
  t.equal(reply.ErrorCode, 0, 'the call succeeds');
  t.same(reply.FailAccounts, [bytes33, '', '', '', 'longnick', 'longface', 'badtype', 'numnick', 'two'], 'in request order');
  t.same(
    app.mock.store.list(SDKAPPID).map((a) => a.identifier).sort(),
    ['ok1', 'robot', bytes32].sort(),
    'exactly the valid ones were imported',
  );
  t.match(app.mock.store.get(SDKAPPID, 'robot'), { type: 1 });

  const older = await call(t, app, MULTI, { Accounts: ['fine', '', bytes33, bytes32] });
  t.same(older.FailAccounts, ['', bytes33], 'the Accounts form too');
  t.ok(app.mock.store.get(SDKAPPID, 'fine'));
});

t.test('duplicates within one request are taken in order, as separate account_import calls would be', async (t) => {
  const { app } = build(t);
  const reply = await call(t, app, MULTI, {
    AccountList: [
      { UserID: 'dup', Nick: 'first', FaceUrl: 'http://a/f.png' },
      { UserID: 'dup', Nick: 'second' },
      { UserID: 'dup', Nick: 'n'.repeat(501) },
    ],
  });
  t.same(reply.FailAccounts, ['dup'], 'the refused occurrence is listed, though an earlier one was imported');
  t.equal(app.mock.store.count(SDKAPPID), 1);
  t.match(app.mock.store.get(SDKAPPID, 'dup'), { nick: 'second', faceUrl: 'http://a/f.png' }, 'the last valid occurrence wins');

  t.same((await call(t, app, MULTI, { Accounts: ['twice', 'twice', '', ''] })).FailAccounts, ['', ''], 'each refused occurrence is listed');
  t.equal(app.mock.store.count(SDKAPPID), 2);
});

t.test('the envelope codes of im_open_login_svc', async (t) => {
  const { app } = build(t);
  const body = { Accounts: ['a'] };
  t.match(await call(t, app, MULTI, body, { query: { identifier: 'someone' } }), { ErrorCode: 70403 }, 'not the admin');
  t.match(await call(t, app, MULTI, body, { query: { sdkappid: 'abc' } }), { ErrorCode: 60006 }, 'bad sdkappid');
  t.match(await call(t, app, MULTI, body, { method: 'GET' }), { ActionStatus: 'FAIL' }, 'not POST');
  t.match(await call(t, app, MULTI, body, { headers: { 'content-type': 'text/plain' } }), { ErrorCode: 0 }, 'any Content-Type');
  t.equal(app.mock.store.count(SDKAPPID), 1);
});
