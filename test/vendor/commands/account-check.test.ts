import t from 'tap';
import { commandPath } from '../../../src/tim/command.js';
import accountCheck from '../../../src/tim/v4/im_open_login_svc/account_check.js';
import accountDelete from '../../../src/tim/v4/im_open_login_svc/account_delete.js';
import { build, call, IMPORT, REGISTER } from '../../helper.js';

const CHECK = commandPath(accountCheck);
const DELETE = commandPath(accountDelete);
const items = (...userIds: string[]) => userIds.map((UserID) => ({ UserID }));
const imported = (UserID: string) => ({ UserID, ResultCode: 0, ResultInfo: '', AccountStatus: 'Imported' });
const notImported = (UserID: string) => ({ UserID, ResultCode: 0, ResultInfo: '', AccountStatus: 'NotImported' });

t.test('an account is NotImported before import, Imported after, NotImported after delete', async (t) => {
  const { app } = build(t);
  t.same(await call(t, app, CHECK, { CheckItem: items('id1') }), {
    ActionStatus: 'OK',
    ErrorInfo: '',
    ErrorCode: 0,
    ResultItem: [notImported('id1')],
  });
  await call(t, app, IMPORT, { UserID: 'id1' });
  t.same((await call(t, app, CHECK, { CheckItem: items('id1') })).ResultItem, [imported('id1')]);
  await call(t, app, DELETE, { DeleteItem: items('id1') });
  t.same((await call(t, app, CHECK, { CheckItem: items('id1') })).ResultItem, [notImported('id1')]);
});

t.test('results come in request order, duplicates included', async (t) => {
  const { app } = build(t);
  await call(t, app, IMPORT, { UserID: 'b' });
  await call(t, app, IMPORT, { UserID: 'd' });
  t.same((await call(t, app, CHECK, { CheckItem: items('a', 'b', 'c', 'd', 'b', 'a') })).ResultItem, [
    notImported('a'),
    imported('b'),
    notImported('c'),
    imported('d'),
    imported('b'),
    notImported('a'),
  ]);
});

t.test("hosted accounts count as imported, found by the store's case rules", async (t) => {
  const { app } = build(t);
  await call(t, app, REGISTER, { Identifier: 'Alice', IdentifierType: 3, Password: 'password1' });
  await call(t, app, REGISTER, { Identifier: 'Bob@Example.com', IdentifierType: 2, Password: 'password1' });
  await call(t, app, IMPORT, { UserID: 'Carol' });
  t.same((await call(t, app, CHECK, { CheckItem: items('Alice', 'ALICE', 'alice', 'Bob@Example.com', 'bob@example.com', 'Carol', 'CAROL') })).ResultItem, [
    imported('Alice'),
    imported('ALICE'),
    imported('alice'),
    imported('Bob@Example.com'),
    notImported('bob@example.com'),
    imported('Carol'),
    notImported('CAROL'),
  ], 'string accounts ignore case; emails and standalone accounts are exact; UserID is echoed as sent');
});

t.test('an imported Alice: register_account_v1 refuses alice (70402) while account_check says alice is NotImported', async (t) => {
  const { app } = build(t);
  t.match(await call(t, app, IMPORT, { UserID: 'Alice' }), { ErrorCode: 0 });
  t.match(await call(t, app, REGISTER, { Identifier: 'alice', IdentifierType: 3, Password: 'password1' }), { ErrorCode: 70402 }, 'a string account ignores case against imported ones');
  t.same((await call(t, app, CHECK, { CheckItem: items('Alice', 'alice') })).ResultItem, [imported('Alice'), notImported('alice')], 'the standalone account is exact');
  t.same(
    (await call(t, app, DELETE, { DeleteItem: items('alice') })).ResultItem,
    [{ UserID: 'alice', ResultCode: 70107, ResultInfo: 'Err_TLS_PT_Open_Login_Account_Not_Exist' }],
    'and account_delete does not find alice either',
  );
});

t.test('1 to 100 items, else 70402', async (t) => {
  const { app } = build(t);
  const hundred = Array.from({ length: 100 }, (_, i) => `u${i}`);
  const reply = await call(t, app, CHECK, { CheckItem: items(...hundred) });
  t.equal((reply.ResultItem as unknown[]).length, 100);
  t.match(await call(t, app, CHECK, { CheckItem: items(...hundred, 'u100') }), { ActionStatus: 'FAIL', ErrorCode: 70402 }, '101');
  t.match(await call(t, app, CHECK, { CheckItem: [] }), { ErrorCode: 70402 }, 'empty');
});

t.test('a body of the wrong shape is 70402', async (t) => {
  const { app } = build(t);
  for (const [name, body] of Object.entries({
    'no CheckItem': {},
    'the other endpoint\'s field': { DeleteItem: items('a') },
    'CheckItem an object': { CheckItem: { UserID: 'a' } },
    'a bare string item': { CheckItem: ['a'] },
    'an item without UserID': { CheckItem: [{ Identifier: 'a' }] },
    'a numeric UserID': { CheckItem: [{ UserID: 'a' }, { UserID: 1 }] },
    'a null item': { CheckItem: [null] },
  })) {
    t.match(await call(t, app, CHECK, body), { ActionStatus: 'FAIL', ErrorCode: 70402 }, name);
  }
});

t.test('the envelope codes of im_open_login_svc', async (t) => {
  const { app } = build(t);
  const body = { CheckItem: items('a') };
  t.match(await call(t, app, CHECK, body, { query: { identifier: 'someone' } }), { ErrorCode: 70403 }, 'not the admin');
  t.match(await call(t, app, CHECK, body, { query: { sdkappid: '0' } }), { ErrorCode: 60006 }, 'bad sdkappid');
});
