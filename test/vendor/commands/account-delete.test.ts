import t from 'tap';
import { commandPath } from '../../../src/tim/command.js';
import accountCheck from '../../../src/tim/v4/im_open_login_svc/account_check.js';
import accountDelete from '../../../src/tim/v4/im_open_login_svc/account_delete.js';
import multiaccountImport from '../../../src/tim/v4/im_open_login_svc/multiaccount_import.js';
import { build, call, IMPORT, REGISTER, SDKAPPID } from '../../helper.js';

const CHECK = commandPath(accountCheck);
const DELETE = commandPath(accountDelete);
const MULTI = commandPath(multiaccountImport);
const items = (...userIds: string[]) => userIds.map((UserID) => ({ UserID }));
const deleted = (UserID: string) => ({ ResultCode: 0, ResultInfo: '', UserID });
const missing = (UserID: string) => ({ ResultCode: 70107, ResultInfo: 'Err_TLS_PT_Open_Login_Account_Not_Exist', UserID });

t.test("the vendor's example: one account deleted, one not found, in request order", async (t) => {
  const { app } = build(t);
  await call(t, app, IMPORT, { UserID: 'id1' });
  const res = await app.inject({
    method: 'POST',
    url: DELETE,
    query: { sdkappid: String(SDKAPPID), identifier: 'administrator', usersig: 's', random: '1', contenttype: 'json' },
    payload: JSON.stringify({ DeleteItem: items('id1', 'id2') }),
  });
  t.equal(
    res.body,
    '{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"ResultItem":[{"ResultCode":0,"ResultInfo":"","UserID":"id1"},' +
      '{"ResultCode":70107,"ResultInfo":"Err_TLS_PT_Open_Login_Account_Not_Exist","UserID":"id2"}]}',
    'byte for byte, fields in the vendor\'s order',
  );
  t.equal(app.mock.store.get(SDKAPPID, 'id1'), undefined);
  t.same((await call(t, app, DELETE, { DeleteItem: items('id1') })).ResultItem, [missing('id1')], 'gone');
});

t.test('a deleted account can be imported again, by either import endpoint', async (t) => {
  const { app } = build(t);
  await call(t, app, IMPORT, { UserID: 'again', Nick: 'old' });
  await call(t, app, DELETE, { DeleteItem: items('again') });
  t.match(await call(t, app, IMPORT, { UserID: 'again' }), { ErrorCode: 0 });
  t.notOk(app.mock.store.get(SDKAPPID, 'again')?.nick, 'a fresh account, without the deleted profile');
  await call(t, app, DELETE, { DeleteItem: items('again') });
  t.same((await call(t, app, MULTI, { Accounts: ['again'] })).FailAccounts, []);
  t.same((await call(t, app, CHECK, { CheckItem: items('again') })).ResultItem, [
    { UserID: 'again', ResultCode: 0, ResultInfo: '', AccountStatus: 'Imported' },
  ]);
});

t.test('hosted accounts are deleted by the store\'s case rules and can be registered again', async (t) => {
  const { app } = build(t);
  await call(t, app, REGISTER, { Identifier: 'Alice', IdentifierType: 3, Password: 'password1' });
  t.same((await call(t, app, DELETE, { DeleteItem: items('ALICE') })).ResultItem, [deleted('ALICE')]);
  t.equal(app.mock.store.count(SDKAPPID), 0);
  t.match(await call(t, app, REGISTER, { Identifier: 'alice', IdentifierType: 3, Password: 'password1' }), { ErrorCode: 0 });
});

t.test('a duplicate is deleted once, then not found', async (t) => {
  const { app } = build(t);
  await call(t, app, IMPORT, { UserID: 'dup' });
  await call(t, app, IMPORT, { UserID: 'Dup' });
  t.same((await call(t, app, DELETE, { DeleteItem: items('dup', 'dup', 'Dup') })).ResultItem, [
    deleted('dup'),
    missing('dup'),
    deleted('Dup'),
  ]);
  t.equal(app.mock.store.count(SDKAPPID), 0);
});

t.test('1 to 100 items, else 70402 and nothing is deleted', async (t) => {
  const { app } = build(t);
  const hundred = Array.from({ length: 100 }, (_, i) => `u${i}`);
  await call(t, app, MULTI, { Accounts: hundred });
  t.match(await call(t, app, DELETE, { DeleteItem: items(...hundred, 'u100') }), { ActionStatus: 'FAIL', ErrorCode: 70402 }, '101');
  t.match(await call(t, app, DELETE, { DeleteItem: [] }), { ErrorCode: 70402 }, 'empty');
  t.equal(app.mock.store.count(SDKAPPID), 100, 'a refused call deletes nothing');
  const reply = await call(t, app, DELETE, { DeleteItem: items(...hundred) });
  t.same(reply.ResultItem, hundred.map(deleted), '100 deleted');
  t.equal(app.mock.store.count(SDKAPPID), 0);
});

t.test('a body of the wrong shape is 70402 and deletes nothing', async (t) => {
  const { app } = build(t);
  await call(t, app, IMPORT, { UserID: 'a' });
  for (const [name, body] of Object.entries({
    'no DeleteItem': {},
    'the other endpoint\'s field': { CheckItem: items('a') },
    'DeleteItem a string': { DeleteItem: 'a' },
    'a bare string item': { DeleteItem: ['a'] },
    'a numeric UserID after a good one': { DeleteItem: [{ UserID: 'a' }, { UserID: 1 }] },
  })) {
    t.match(await call(t, app, DELETE, body), { ActionStatus: 'FAIL', ErrorCode: 70402 }, name);
  }
  t.ok(app.mock.store.get(SDKAPPID, 'a'), 'still there');
});

t.test('the envelope codes of im_open_login_svc', async (t) => {
  const { app } = build(t);
  await call(t, app, IMPORT, { UserID: 'a' });
  const body = { DeleteItem: items('a') };
  t.match(await call(t, app, DELETE, body, { query: { identifier: 'a' } }), { ErrorCode: 70403 }, 'not the admin');
  t.match(await call(t, app, DELETE, body, { query: { sdkappid: '-1' } }), { ErrorCode: 60006 }, 'bad sdkappid');
  t.ok(app.mock.store.get(SDKAPPID, 'a'), 'still there');
});
