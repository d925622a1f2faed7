import t from 'tap';
import { APPS_PAGE_MAX } from '../../src/control/apps.js';
import { ON_THE_FLY_APPS_MAX } from '../../src/model/apps.js';
import { build, call, IMPORT, REGISTER } from '../helper.js';
import { json } from './json.js';

const sdkappids = (body: Record<string, unknown>): number[] => (body.apps as Array<{ sdkappid: number }>).map((a) => a.sdkappid);

t.test('reset forgets the zero-config apps made on the fly; apps set with PUT and declared apps stay', async (t) => {
  const { app } = build(t);
  t.equal((await json(app, 'PUT', '/__mock/apps/1400000009', { body: { deleteEnabled: false } })).status, 200, 'set up before traffic');
  for (const sdkappid of ['1400000001', '1400000002']) {
    t.equal((await call(t, app, IMPORT, { UserID: 'someone' }, { query: { sdkappid } })).ErrorCode, 0);
  }
  // A call to the PUT app, then one more PUT to an app made by a call: both are kept.
  t.equal((await call(t, app, IMPORT, { UserID: 'someone' }, { query: { sdkappid: '1400000009' } })).ErrorCode, 0);
  t.equal((await json(app, 'PUT', '/__mock/apps/1400000002', { body: { accountLimit: 5 } })).status, 200);
  t.same(sdkappids((await json(app, 'GET', '/__mock/apps')).body), [1400000001, 1400000002, 1400000009]);

  t.equal((await json(app, 'POST', '/__mock/reset')).status, 200);
  const after = (await json(app, 'GET', '/__mock/apps')).body;
  t.same(sdkappids(after), [1400000002, 1400000009], 'the app made by a call alone is forgotten');
  t.match(after.apps, [{ accountLimit: null }, { deleteEnabled: true }], 'the kept apps are back to their start settings');

  const declared = build(t, { apps: [{ sdkappid: 1400000001, admin: 'administrator', secretKey: 'k' }] }).app;
  await json(declared, 'POST', '/__mock/reset');
  t.same(sdkappids((await json(declared, 'GET', '/__mock/apps')).body), [1400000001], 'a declared app stays');
});

t.test('GET /__mock/apps is paged: 100 by default, limit up to 1000, after = the next cursor', async (t) => {
  const { app } = build(t);
  const count = APPS_PAGE_MAX + 50;
  for (let i = 1; i <= count; i++) app.mock.apps.get(i);
  const first = (await json(app, 'GET', '/__mock/apps')).body;
  t.same(sdkappids(first), Array.from({ length: 100 }, (_, i) => i + 1), 'the default page: the first 100');
  t.equal(first.next, 100);
  const second = (await json(app, 'GET', '/__mock/apps?after=100&limit=3')).body;
  t.same(sdkappids(second), [101, 102, 103]);
  t.equal(second.next, 103);
  const big = (await json(app, 'GET', '/__mock/apps?limit=5000')).body;
  t.equal((big.apps as unknown[]).length, APPS_PAGE_MAX, 'a limit over the most is taken as the most');
  t.equal(big.next, APPS_PAGE_MAX);
  const last = (await json(app, 'GET', `/__mock/apps?after=${APPS_PAGE_MAX}&limit=${APPS_PAGE_MAX}`)).body;
  t.equal((last.apps as unknown[]).length, 50);
  t.equal(last.next, null, 'null on the last page');
  for (const query of ['limit=0', 'after=-1', 'limit=x', 'page=2']) {
    const res = await json(app, 'GET', `/__mock/apps?${query}`);
    t.equal(res.status, 400, query);
    t.match(res.body.message, /^querystring|^limit|^after|^page/, 'names the parameter');
  }
});

t.test('zero-config apps made on the fly are capped: past the cap, the answer for an unknown app and one warning', async (t) => {
  const lines: string[] = [];
  const { app } = build(t, { logStream: { write: (line: string) => void lines.push(line) }, logLevel: 'warn' });
  for (let i = 1; i <= ON_THE_FLY_APPS_MAX; i++) app.mock.apps.get(i);
  const query = { sdkappid: '1400000001' };
  t.equal((await call(t, app, IMPORT, { UserID: 'someone' }, { query })).ErrorCode, 60006, 'account_import: 60006');
  t.equal((await call(t, app, REGISTER, { Identifier: 'someone', IdentifierType: 3, Password: 'Passw0rd.1' }, { query })).ErrorCode, 70411, 'register_account_v1: 70411');
  t.equal((await call(t, app, IMPORT, { UserID: 'someone' }, { query: { sdkappid: '7' } })).ErrorCode, 0, 'an app already made is served');
  const warnings = lines.filter((l) => /apps made on the fly/.test(l));
  t.equal(warnings.length, 1, 'one warning for every refused call');
  t.match(warnings[0], new RegExp(`holds ${ON_THE_FLY_APPS_MAX} apps`));
  t.equal((await json(app, 'PUT', '/__mock/apps/1400000002', { body: { deleteEnabled: false } })).status, 200, 'PUT still sets up an app');

  await json(app, 'POST', '/__mock/reset');
  t.equal((await call(t, app, IMPORT, { UserID: 'someone' }, { query })).ErrorCode, 0, 'after reset, a new app is made again');
  t.same(sdkappids((await json(app, 'GET', '/__mock/apps')).body), [1400000001, 1400000002]);
});
