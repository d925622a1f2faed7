import t, { type Test } from 'tap';
import type { FastifyInstance } from 'fastify';
import { commandPath } from '../../src/tim/command.js';
import accountDelete from '../../src/tim/v4/im_open_login_svc/account_delete.js';
import multiaccountImport from '../../src/tim/v4/im_open_login_svc/multiaccount_import.js';
import { Errors } from '../../src/tim/errors.js';
import { build, call, IMPORT, REGISTER, SDKAPPID } from '../helper.js';
import { json } from '../control/json.js';

const DELETE = commandPath(accountDelete);
const MULTI = commandPath(multiaccountImport);
const DAY_MS = 86_400_000;
const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);
const OTHER = '1400000002';

const ids = (prefix: string, n: number, from = 0): string[] => Array.from({ length: n }, (_, i) => `${prefix}${from + i}`);

/** Imports the accounts in batches of 100 and checks none failed. */
async function importAll(t: Test, app: FastifyInstance, accounts: string[], sdkappid = String(SDKAPPID)): Promise<void> {
  for (let i = 0; i < accounts.length; i += 100) {
    const reply = await call(t, app, MULTI, { Accounts: accounts.slice(i, i + 100) }, { query: { sdkappid } });
    t.same(reply.FailAccounts, [], `batch ${i / 100} imported`);
  }
}

const limitReply = { ActionStatus: 'FAIL', ErrorCode: 70398, ErrorInfo: Errors.AccountLimit.info };
const deletionOff = { ActionStatus: 'FAIL', ErrorCode: 71000, ErrorInfo: Errors.DeletionDisabled.info };

t.test('no plan: no account cap, deletion on, no re-import cooldown (as before plans)', async (t) => {
  const { app, clock } = build(t, { rateLimit: 0 });
  clock.set(T0);
  await importAll(t, app, ids('a', 100));
  t.match(await call(t, app, IMPORT, { UserID: 'a100' }), { ErrorCode: 0 }, 'the 101st account');
  t.match(await call(t, app, REGISTER, { Identifier: 'hosted_102', IdentifierType: 3, Password: 'password1' }), { ErrorCode: 0 }, 'the 102nd');
  t.match(await call(t, app, DELETE, { DeleteItem: [{ UserID: 'a0' }] }), { ErrorCode: 0, ResultItem: [{ ResultCode: 0 }] });
  t.match(await call(t, app, IMPORT, { UserID: 'a0' }), { ErrorCode: 0 }, 'imported again at once');
  t.equal(app.mock.store.count(SDKAPPID), 102);
});

t.test('trial: the 100th account is imported, the 101st refused with 70398; updates are never refused', async (t) => {
  const { app } = build(t, { plan: 'trial' });
  await importAll(t, app, ids('a', 99));
  t.match(await call(t, app, IMPORT, { UserID: 'a99' }), { ErrorCode: 0 }, 'account_import: the 100th');
  t.same(await call(t, app, IMPORT, { UserID: 'a100' }), limitReply, 'account_import: the 101st');
  t.same(await call(t, app, REGISTER, { Identifier: 'hosted_101', IdentifierType: 3, Password: 'password1' }), limitReply, 'register_account_v1: the 101st');
  t.same((await call(t, app, MULTI, { Accounts: ['new1'] })).FailAccounts, ['new1'], 'multiaccount_import: the 101st is listed');
  t.equal(app.mock.store.count(SDKAPPID), 100, 'nothing was created past the cap');

  t.match(await call(t, app, IMPORT, { UserID: 'a5', Nick: 'five' }), { ErrorCode: 0 }, 'an existing account is updated at the cap');
  t.same((await call(t, app, MULTI, { AccountList: [{ UserID: 'a6', Nick: 'six' }] })).FailAccounts, [], 'and in a batch');
  t.match(app.mock.store.get(SDKAPPID, 'a5'), { nick: 'five' });
  t.match(app.mock.store.get(SDKAPPID, 'a6'), { nick: 'six' });

  t.match(await call(t, app, DELETE, { DeleteItem: [{ UserID: 'a0' }] }), { ErrorCode: 0 }, 'trial apps may delete');
  t.match(await call(t, app, IMPORT, { UserID: 'a100' }), { ErrorCode: 0 }, 'a deletion makes room, and there is no cooldown');
  t.same(await call(t, app, IMPORT, { UserID: 'a0' }), limitReply, 'full again');
});

t.test('trial: register_account_v1 creates the 100th and is refused the 101st; an existing account stays 70402', async (t) => {
  const { app } = build(t, { plan: 'trial' });
  await importAll(t, app, ids('a', 98));
  t.match(await call(t, app, REGISTER, { Identifier: 'hosted_99', IdentifierType: 3, Password: 'password1' }), { ErrorCode: 0 }, 'the 99th');
  t.match(await call(t, app, REGISTER, { Identifier: 'hosted_100', IdentifierType: 3, Password: 'password1' }), { ErrorCode: 0 }, 'the 100th');
  t.same(await call(t, app, REGISTER, { Identifier: 'hosted_101', IdentifierType: 3, Password: 'password1' }), limitReply, 'the 101st');
  t.match(await call(t, app, REGISTER, { Identifier: 'HOSTED_100', IdentifierType: 3, Password: 'password1' }), { ErrorCode: 70402 }, 'an existing account (any case) is 70402, not 70398');
  t.equal(app.mock.store.count(SDKAPPID), 100);
});

t.test('trial: a batch crossing the cap lists exactly the accounts past it, in request order', async (t) => {
  const { app } = build(t, { plan: 'trial' });
  await importAll(t, app, ids('e', 95));
  const batch = ['n0', 'e0', 'n1', 'n2', 'n3', 'n4', 'n5', 'e1', 'n6', 'n0', 'n5'];
  const reply = await call(t, app, MULTI, { AccountList: batch.map((UserID) => ({ UserID, Nick: `nick-${UserID}` })) });
  t.same(reply.FailAccounts, ['n5', 'n6', 'n5'], 'n0..n4 fill the app to 100; n5 and n6 would be the 101st; each refused occurrence is listed');
  t.equal(app.mock.store.count(SDKAPPID), 100);
  t.match(app.mock.store.get(SDKAPPID, 'e1'), { nick: 'nick-e1' }, 'an existing account after the cap is updated');
  t.equal(app.mock.store.get(SDKAPPID, 'n5'), undefined);
  t.match(app.mock.store.count(Number(OTHER)), 0);
  t.same((await call(t, app, MULTI, { Accounts: ['x'] }, { query: { sdkappid: OTHER } })).FailAccounts, [], 'the cap is per app');
});

t.test('accountLimit overrides the plan: any cap, or none on a trial app', async (t) => {
  const capped = build(t, { plan: 'developer', accountLimit: 2 }).app;
  t.match(await call(t, capped, IMPORT, { UserID: 'a' }), { ErrorCode: 0 });
  t.match(await call(t, capped, IMPORT, { UserID: 'b' }), { ErrorCode: 0 }, 'the 2nd of 2');
  t.same(await call(t, capped, IMPORT, { UserID: 'c' }), limitReply, 'the 3rd');

  const zero = build(t, { accountLimit: 0 }).app;
  t.same(await call(t, zero, IMPORT, { UserID: 'a' }), limitReply, 'a cap of 0 refuses the first account');

  const uncapped = build(t, { plan: 'trial', accountLimit: null, rateLimit: 0 }).app;
  await importAll(t, uncapped, ids('a', 100));
  t.match(await call(t, uncapped, IMPORT, { UserID: 'a100' }), { ErrorCode: 0 }, 'null: no cap on a trial app');
});

t.test('deletion: on for trial and developer; pro and ultimate answer 71000 until it is turned on', async (t) => {
  for (const plan of ['trial', 'developer'] as const) {
    const { app } = build(t, { plan });
    await call(t, app, IMPORT, { UserID: 'a' });
    t.match(await call(t, app, DELETE, { DeleteItem: [{ UserID: 'a' }] }), { ErrorCode: 0, ResultItem: [{ ResultCode: 0 }] }, `${plan}: deleted`);
  }
  for (const plan of ['pro', 'ultimate'] as const) {
    const { app } = build(t, { plan });
    await call(t, app, IMPORT, { UserID: 'a' });
    t.same(await call(t, app, DELETE, { DeleteItem: [{ UserID: 'a' }, { UserID: 'missing' }] }), deletionOff, `${plan}: 71000 for the whole call`);
    t.ok(app.mock.store.get(SDKAPPID, 'a'), 'nothing was deleted');
    t.match(await call(t, app, DELETE, { DeleteItem: [] }), { ErrorCode: 70402 }, 'a malformed list is still 70402 (fields are checked first)');
    const res = await json(app, 'PUT', `/__mock/apps/${SDKAPPID}`, { body: { deleteEnabled: true } });
    t.equal(res.status, 200, res.raw);
    t.match(await call(t, app, DELETE, { DeleteItem: [{ UserID: 'a' }] }), { ErrorCode: 0, ResultItem: [{ ResultCode: 0 }] }, `${plan}: OK once turned on`);
  }
  const off = build(t, { plan: 'developer', deleteEnabled: false }).app;
  t.same(await call(t, off, DELETE, { DeleteItem: [{ UserID: 'a' }] }), deletionOff, 'deleteEnabled false overrides the plan');
});

t.test('the re-import cooldown: 90 days on pro by default, none on trial and developer, TIM_REIMPORT_COOLDOWN_DAYS overrides', async (t) => {
  const pro = build(t, { plan: 'pro', deleteEnabled: true });
  pro.clock.set(T0);
  await call(t, pro.app, IMPORT, { UserID: 'a' });
  await call(t, pro.app, DELETE, { DeleteItem: [{ UserID: 'a' }] });
  pro.clock.set(T0 + 90 * DAY_MS - 1);
  t.match(await call(t, pro.app, IMPORT, { UserID: 'a' }), { ErrorCode: 70399 }, 'pro: the last refused millisecond');
  pro.clock.set(T0 + 90 * DAY_MS);
  t.match(await call(t, pro.app, IMPORT, { UserID: 'a' }), { ErrorCode: 0 }, 'pro: allowed from the 90th day');

  for (const options of [{ plan: 'trial' as const }, { plan: 'developer' as const }, { plan: 'ultimate' as const, deleteEnabled: true, reimportCooldownDays: 0 }]) {
    const { app } = build(t, options);
    await call(t, app, IMPORT, { UserID: 'a' });
    await call(t, app, DELETE, { DeleteItem: [{ UserID: 'a' }] });
    t.match(await call(t, app, IMPORT, { UserID: 'a' }), { ErrorCode: 0 }, `${JSON.stringify(options)}: imported again at once`);
  }

  const oneDay = build(t, { plan: 'pro', deleteEnabled: true, reimportCooldownDays: 1 });
  oneDay.clock.set(T0);
  await call(t, oneDay.app, IMPORT, { UserID: 'a' });
  await call(t, oneDay.app, DELETE, { DeleteItem: [{ UserID: 'a' }] });
  oneDay.clock.set(T0 + DAY_MS - 1000);
  t.match(await call(t, oneDay.app, IMPORT, { UserID: 'a' }), { ErrorCode: 70399 }, 'one day: a second before');
  oneDay.clock.set(T0 + DAY_MS);
  t.match(await call(t, oneDay.app, IMPORT, { UserID: 'a' }), { ErrorCode: 0 }, 'one day: at the boundary');
});

t.test('declared apps take their plan from the config, each its own; the settings of one app do not touch another', async (t) => {
  const { app } = build(t, {
    apps: [
      { sdkappid: SDKAPPID, admin: 'administrator', secretKey: 'k1', plan: 'trial', accountLimit: 1 },
      { sdkappid: Number(OTHER), admin: 'administrator', secretKey: 'k2', plan: 'pro' },
    ],
    deleteEnabled: true,
  });
  t.match(app.mock.apps.get(SDKAPPID)?.settings, { plan: 'trial', accountLimit: 1, deleteEnabled: true, reimportCooldownDays: 0 });
  t.match(app.mock.apps.get(Number(OTHER))?.settings, { plan: 'pro', accountLimit: null, deleteEnabled: true, reimportCooldownDays: 90 }, 'TIM_DELETE_ENABLED over the plan');
});
