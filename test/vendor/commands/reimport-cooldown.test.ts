import t from 'tap';
import { optionsFromProcess } from '../../../src/config/settings.js';
import { commandPath } from '../../../src/tim/command.js';
import accountDelete from '../../../src/tim/v4/im_open_login_svc/account_delete.js';
import multiaccountImport from '../../../src/tim/v4/im_open_login_svc/multiaccount_import.js';
import { build, call, IMPORT, REGISTER, SDKAPPID } from '../../helper.js';

const DELETE = commandPath(accountDelete);
const MULTI = commandPath(multiaccountImport);
const DAY_MS = 86_400_000;
const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);

t.test('off by default: a deleted account can be imported again at once', async (t) => {
  const { app, clock } = build(t);
  clock.set(T0);
  await call(t, app, IMPORT, { UserID: 'a' });
  await call(t, app, MULTI, { Accounts: ['b'] });
  await call(t, app, DELETE, { DeleteItem: [{ UserID: 'a' }, { UserID: 'b' }] });
  t.match(await call(t, app, IMPORT, { UserID: 'a' }), { ErrorCode: 0 });
  t.same((await call(t, app, MULTI, { Accounts: ['b'] })).FailAccounts, []);
  t.equal(app.mock.store.count(SDKAPPID), 2);
});

t.test('TIM_REIMPORT_COOLDOWN_DAYS sets it', async (t) => {
  t.equal(optionsFromProcess([], { TIM_REIMPORT_COOLDOWN_DAYS: '90' }).reimportCooldownDays, 90);
  t.equal(optionsFromProcess([], {}).reimportCooldownDays, undefined, "unset: the plan's default, 0 without a plan");
});

t.test('on (90 days): refused with 70399 until the boundary second, allowed from it', async (t) => {
  const { app, clock } = build(t, { reimportCooldownDays: 90 });
  clock.set(T0);
  await call(t, app, MULTI, { Accounts: ['a', 'b', 'kept'] });
  clock.set(T0 + 500);
  await call(t, app, DELETE, { DeleteItem: [{ UserID: 'a' }, { UserID: 'b' }] });
  t.equal(app.mock.store.deletedAt(SDKAPPID, 'a'), T0 / 1000, 'deleted in the second T0');

  clock.set(T0 + 90 * DAY_MS - 1);
  t.same(await call(t, app, IMPORT, { UserID: 'a', Nick: 'back' }), {
    ActionStatus: 'FAIL',
    ErrorCode: 70399,
    ErrorInfo: 'the account was deleted less than three months ago and cannot be imported again yet',
  }, 'account_import, the last refused millisecond');
  t.same(
    (await call(t, app, MULTI, { AccountList: [{ UserID: 'a' }, { UserID: 'new' }, { UserID: 'b' }, { UserID: 'kept', Nick: 'n' }] })).FailAccounts,
    ['a', 'b'],
    'multiaccount_import lists the refused accounts and imports the others',
  );
  t.equal(app.mock.store.get(SDKAPPID, 'a'), undefined);
  t.ok(app.mock.store.get(SDKAPPID, 'new'));
  t.match(app.mock.store.get(SDKAPPID, 'kept'), { nick: 'n' }, 'an account never deleted is updated');
  t.match(await call(t, app, IMPORT, { UserID: 'A' }), { ErrorCode: 0 }, 'standalone accounts are exact: A is another account');

  clock.set(T0 + 90 * DAY_MS);
  t.match(await call(t, app, IMPORT, { UserID: 'a', Nick: 'back' }), { ErrorCode: 0 }, 'account_import at the boundary second');
  t.same((await call(t, app, MULTI, { Accounts: ['b'] })).FailAccounts, [], 'multiaccount_import at the boundary second');
  t.match(app.mock.store.get(SDKAPPID, 'a'), { nick: 'back' });

  await call(t, app, DELETE, { DeleteItem: [{ UserID: 'a' }] });
  t.match(await call(t, app, IMPORT, { UserID: 'a' }), { ErrorCode: 70399 }, 'a second delete starts a new cooldown');
});

t.test('the cooldown counts whole days of the setting and per app', async (t) => {
  const { app, clock } = build(t, { reimportCooldownDays: 1 });
  clock.set(T0);
  await call(t, app, IMPORT, { UserID: 'a' });
  await call(t, app, IMPORT, { UserID: 'a' }, { query: { sdkappid: '1400000002' } });
  await call(t, app, DELETE, { DeleteItem: [{ UserID: 'a' }] });
  clock.set(T0 + DAY_MS - 1000);
  t.match(await call(t, app, IMPORT, { UserID: 'a' }), { ErrorCode: 70399 }, 'one second before a day');
  t.match(await call(t, app, IMPORT, { UserID: 'a' }, { query: { sdkappid: '1400000002' } }), { ErrorCode: 0 }, 'another app is not affected');
  clock.advance(1000);
  t.match(await call(t, app, IMPORT, { UserID: 'a' }), { ErrorCode: 0 }, 'a day after');
});

t.test('register_account_v1 is not subject to it, and an account registered again is simply updated', async (t) => {
  const { app, clock } = build(t, { reimportCooldownDays: 90 });
  clock.set(T0);
  await call(t, app, REGISTER, { Identifier: 'hosted1', IdentifierType: 3, Password: 'password1' });
  await call(t, app, DELETE, { DeleteItem: [{ UserID: 'HOSTED1' }] });
  t.match(await call(t, app, IMPORT, { UserID: 'hosted1' }), { ErrorCode: 70399 }, 'the deleted identifier, as stored');
  t.match(await call(t, app, REGISTER, { Identifier: 'hosted1', IdentifierType: 3, Password: 'password1' }), { ErrorCode: 0 });
  t.match(await call(t, app, IMPORT, { UserID: 'hosted1', Nick: 'n' }), { ErrorCode: 0 }, 'it exists again: updated');
  t.match(app.mock.store.get(SDKAPPID, 'hosted1'), { kind: 'hosted', nick: 'n' });
});
