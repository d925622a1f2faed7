import t from 'tap';
import { mockControls } from '../../src/in-process.js';
import { build, call, IMPORT } from '../helper.js';

const MULTI = '/v4/im_open_login_svc/multiaccount_import';
const CHECK = '/v4/im_open_login_svc/account_check';
const DELETE = '/v4/im_open_login_svc/account_delete';

t.test('a fault on an identifier fires on a batch call that names it, in either form, and not otherwise', async (t) => {
  const { app } = build(t);
  mockControls(app).addFault({ errorCode: 70169, identifier: 'bob', times: 0 });
  t.match(await call(t, app, MULTI, { Accounts: ['alice', 'carol'] }), { ErrorCode: 0 }, 'bob not named');
  t.match(await call(t, app, MULTI, { Accounts: ['alice', 'bob'] }), { ErrorCode: 70169 });
  t.match(await call(t, app, MULTI, { AccountList: [{ UserID: 'bob' }] }), { ErrorCode: 70169 });
  t.match(await call(t, app, CHECK, { CheckItem: [{ UserID: 'x' }, { UserID: 'bob' }] }), { ErrorCode: 70169 });
  t.match(await call(t, app, DELETE, { DeleteItem: [{ UserID: 'bob' }] }), { ErrorCode: 70169 });
  t.equal(app.mock.store.get(1400000001, 'bob'), undefined, 'a "before" fault imports nothing');
});

t.test('the journal lists every account a batch names and filters on any of them', async (t) => {
  const { app } = build(t);
  await call(t, app, MULTI, { Accounts: ['alice', 'bob'] });
  await call(t, app, IMPORT, { UserID: 'bob' });
  await call(t, app, CHECK, { CheckItem: [{ UserID: 'carol' }] });
  const all = app.mock.journal.list();
  t.match(all, [
    { path: MULTI, account: null, accounts: ['alice', 'bob'] },
    { path: IMPORT, account: 'bob', accounts: ['bob'] },
    { path: CHECK, account: 'carol', accounts: ['carol'] },
  ]);
  t.same(app.mock.journal.list({ identifier: 'bob' }).map((e) => e.path), [MULTI, IMPORT]);
  t.same(app.mock.journal.list({ identifier: 'alice' }).map((e) => e.path), [MULTI]);
});
