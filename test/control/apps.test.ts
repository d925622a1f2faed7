import t from 'tap';
import { AppSettingsError, startMockServer, UnknownAppError } from '../../src/index.js';
import { commands } from '../../src/tim/v4/index.js';
import { servedCommands } from '../../src/tim/catalogue/index.js';
import { build, call, IMPORT, SDKAPPID, ADMIN } from '../helper.js';
import { json } from './json.js';
import { CLIENT_TEXT_MAX, CUT_MARK } from '../../src/shared/clip.js';

const SECRET = 'a-secret-key-never-shown';
/** An app without callbacks, as GET /__mock/apps shows it (issue 28). */
const NO_CALLBACKS_VIEW = { callbackUrl: null, callbackTokenSet: false, callbackCommands: null, callbackTimeoutMs: null };
const OTHER = 1400000002;
const declared = [
  { sdkappid: SDKAPPID, admin: ADMIN, secretKey: SECRET, plan: 'trial' as const },
  { sdkappid: OTHER, admin: 'boss', secretKey: `${SECRET}2`, rateLimits: { account_check: 5 } },
];

/** The rate-limit buckets of an app nobody called yet, with the defaults (1000 on the seed endpoints, 100 on the companions). */
const fullBuckets = (overrides: Record<string, number> = {}) =>
  servedCommands(commands, { refuse: false }).filter((c) => c.served === 'emulated').map(({ command, defaultRateLimit }) => {
    const limit = overrides[command] ?? defaultRateLimit ?? 1000;
    return { command, limit, tokens: limit };
  });

t.test('GET /__mock/apps lists every declared app in the agreed shape, never a secret key', async (t) => {
  const { app } = build(t, { apps: declared });
  const res = await json(app, 'GET', '/__mock/apps');
  t.equal(res.status, 200);
  t.same(res.body, {
    apps: [
      {
        sdkappid: SDKAPPID,
        mode: 'declared',
        admin: ADMIN,
        plan: 'trial',
        accountLimit: 100,
        deleteEnabled: true,
        reimportCooldownDays: 0,
        accounts: 0,
        rateLimits: fullBuckets(),
        profileCustomTags: [],
        ...NO_CALLBACKS_VIEW,
      },
      {
        sdkappid: OTHER,
        mode: 'declared',
        admin: 'boss',
        plan: null,
        accountLimit: null,
        deleteEnabled: true,
        reimportCooldownDays: 0,
        accounts: 0,
        rateLimits: fullBuckets({ account_check: 5 }),
        profileCustomTags: [],
        ...NO_CALLBACKS_VIEW,
      },
    ],
    next: null,
  });
  t.notMatch(res.raw, SECRET);
  t.notMatch(res.raw, /secret/i);
});

t.test('zero-config: apps seen so far (by a call, or by seeding), in sdkappid order, with accounts and tokens', async (t) => {
  const { app } = build(t, { plan: 'developer' });
  t.same((await json(app, 'GET', '/__mock/apps')).body, { apps: [], next: null }, 'none before the first call');
  await call(t, app, IMPORT, { UserID: 'a' }, { query: { sdkappid: '9' } });
  await call(t, app, IMPORT, { UserID: 'b' }, { query: { sdkappid: '9' } });
  const seeded = await json(app, 'POST', '/__mock/accounts', { body: { accounts: [{ sdkappid: 3, kind: 'standalone', identifier: 'c' }] } });
  t.equal(seeded.status, 200);
  const { body } = await json(app, 'GET', '/__mock/apps');
  t.same(
    body.apps.map((a: { sdkappid: number; mode: string; plan: string; accounts: number }) => [a.sdkappid, a.mode, a.plan, a.accounts]),
    [
      [3, 'zero-config', 'developer', 1],
      [9, 'zero-config', 'developer', 2],
    ],
  );
  t.same(body.apps[1].rateLimits.find((b: { command: string }) => b.command === 'account_import'), { command: 'account_import', limit: 1000, tokens: 998 }, 'two calls took two tokens');
  t.same(body.apps[0].rateLimits, fullBuckets(), 'seeding takes no token');
});

t.test('tokens refill with the clock; a limit of 0 is listed as unlimited', async (t) => {
  const { app, clock } = build(t, { rateLimits: { account_check: 0 } });
  await call(t, app, IMPORT, { UserID: 'a' });
  const bucket = async (command: string) =>
    ((await json(app, 'GET', '/__mock/apps')).body.apps[0].rateLimits as Array<{ command: string }>).find((b) => b.command === command);
  t.same(await bucket('account_import'), { command: 'account_import', limit: 1000, tokens: 999 });
  clock.advance(1);
  t.same(await bucket('account_import'), { command: 'account_import', limit: 1000, tokens: 1000 }, 'one millisecond refills one token at 1000/s');
  t.same(await bucket('account_check'), { command: 'account_check', limit: 0, tokens: 0 });
});

t.test('PUT /__mock/apps/:sdkappid changes an app and answers it as listed', async (t) => {
  const { app } = build(t, { apps: declared });
  const put = (body: unknown, id = SDKAPPID) => json(app, 'PUT', `/__mock/apps/${id}`, { body });

  let res = await put({ plan: 'pro' });
  t.equal(res.status, 200, res.raw);
  t.match(res.body, { sdkappid: SDKAPPID, plan: 'pro', accountLimit: null, deleteEnabled: false, reimportCooldownDays: 90 }, 'a plan brings its defaults');
  res = await put({ plan: 'trial', accountLimit: 5, reimportCooldownDays: 7 });
  t.match(res.body, { plan: 'trial', accountLimit: 5, deleteEnabled: true, reimportCooldownDays: 7 }, 'values in the same patch win over the plan');
  res = await put({ deleteEnabled: false });
  t.match(res.body, { plan: 'trial', accountLimit: 5, deleteEnabled: false, reimportCooldownDays: 7 }, 'without a plan only the fields given change');
  res = await put({ accountLimit: null, plan: null });
  t.match(res.body, { plan: null, accountLimit: null, deleteEnabled: true, reimportCooldownDays: 0 }, 'null: no plan and no cap');
  t.same((await json(app, 'GET', '/__mock/apps')).body.apps[0], res.body, 'GET lists what PUT answered');
  res = await put({});
  t.equal(res.status, 200, 'an empty patch changes nothing');

  res = await put({ rateLimits: { account_import: 1 } });
  t.match(res.body.rateLimits[1], { command: 'account_import', limit: 1, tokens: 1 });
  t.match(await call(t, app, IMPORT, { UserID: 'a' }, { query: { usersig: undefined } }), { ErrorCode: 60004 }, 'refused before the bucket');
  res = await put({ rateLimits: { account_import: null } });
  t.match(res.body.rateLimits[1], { command: 'account_import', limit: 1000, tokens: 1000 }, 'null: back to the configured limit');
  res = await put({ rateLimits: { account_check: null } }, OTHER);
  t.match(res.body.rateLimits[3], { command: 'account_check', limit: 100 }, "null drops the config file's per-app limit too");
});

t.test('a changed rate limit applies to the next call: the bucket starts full at the new limit', async (t) => {
  const { app } = build(t);
  await call(t, app, IMPORT, { UserID: 'a' });
  t.equal((await json(app, 'PUT', `/__mock/apps/${SDKAPPID}`, { body: { rateLimits: { account_import: 2 } } })).status, 200);
  t.match(await call(t, app, IMPORT, { UserID: 'b' }), { ErrorCode: 0 }, 'the 1st of 2');
  t.match(await call(t, app, IMPORT, { UserID: 'c' }), { ErrorCode: 0 }, 'the 2nd of 2');
  t.match(await call(t, app, IMPORT, { UserID: 'd' }), { ErrorCode: 60007 }, 'the 3rd within the second');
});

t.test('PUT validates the whole patch first: a 400 naming the field, and nothing changes', async (t) => {
  const { app } = build(t, { apps: declared });
  const before = (await json(app, 'GET', '/__mock/apps')).body;
  const bad: [string, unknown, RegExp][] = [
    ['not an object', [1], /the patch must be a JSON object/],
    ['an unknown field', { plna: 'pro' }, /^"plna": not an app setting \(one of plan, accountLimit, deleteEnabled, reimportCooldownDays, rateLimits, profileCustomTags, callbackUrl, callbackToken, callbackCommands, callbackTimeoutMs\)/],
    ['a plan that does not exist', { plan: 'free' }, /^plan: must be one of "trial", "developer", "pro", "ultimate" or null, got a string of 4 characters$/],
    ['a negative cap', { deleteEnabled: false, accountLimit: -1 }, /^accountLimit: must be a whole number from 0 to 1000000000, or null for no cap, got -1$/],
    ['a cap over the largest', { accountLimit: 1_000_000_001 }, /^accountLimit: /],
    ['a fractional cap', { accountLimit: 1.5 }, /^accountLimit: /],
    ['a cap as text', { accountLimit: '100' }, /^accountLimit: .*, got a string of 3 characters$/],
    ['deleteEnabled as text', { deleteEnabled: 'true' }, /^deleteEnabled: must be true or false, got a string of 4 characters$/],
    ['a cooldown over 3650 days', { reimportCooldownDays: 3651 }, /^reimportCooldownDays: must be a whole number from 0 to 3650/],
    ['a null cooldown', { reimportCooldownDays: null }, /^reimportCooldownDays: .*, got null$/],
    ['rateLimits not an object', { rateLimits: 5 }, /^rateLimits: must be an object/],
    ['a rate limit for no command', { plan: 'pro', rateLimits: { account_imports: 5 } }, /^rateLimits\."account_imports": not a command \(one of register_account_v1, account_import/],
    ['a negative rate limit', { rateLimits: { account_import: -1 } }, /^rateLimits\.account_import: must be a whole number from 0 \(unlimited\)/],
  ];
  for (const [name, body, message] of bad) {
    const res = await json(app, 'PUT', `/__mock/apps/${SDKAPPID}`, { body });
    t.equal(res.status, 400, name);
    t.match(res.body, { statusCode: 400, error: 'Bad Request', message }, name);
  }
  t.same((await json(app, 'GET', '/__mock/apps')).body, before, 'no refused patch changed anything');
  t.equal(app.mock.apps.get(SDKAPPID)?.settings.accountLimit, 100, 'the cap is still the plan default');
  t.equal((await json(app, 'PUT', `/__mock/apps/${SDKAPPID}`, { body: { accountLimit: 1_000_000_000, reimportCooldownDays: 3650 } })).status, 200, 'the largest values');
  t.equal((await json(app, 'PUT', `/__mock/apps/${SDKAPPID}`, { body: { accountLimit: 0, reimportCooldownDays: 0, rateLimits: { account_import: 0 } } })).status, 200, 'the smallest');
});

t.test('PUT: a refused value is described, never echoed; a field name is cut like the journal cuts it', async (t) => {
  const { app } = build(t, { apps: declared });
  const long = 'x'.repeat(1_000_000);
  const cut = `${'x'.repeat(CLIENT_TEXT_MAX - 1)}${CUT_MARK}`;
  const bad: [string, unknown, string][] = [
    ['a megabyte plan', { plan: long }, 'plan: must be one of "trial", "developer", "pro", "ultimate" or null, got a string of 1000000 characters'],
    ['a cap as an array', { accountLimit: [long] }, 'accountLimit: must be a whole number from 0 to 1000000000, or null for no cap, got an array of 1 item'],
    ['a plan of one letter', { plan: 'x' }, 'plan: must be one of "trial", "developer", "pro", "ultimate" or null, got a string of 1 character'],
    ['deleteEnabled as an object', { deleteEnabled: { long } }, 'deleteEnabled: must be true or false, got an object'],
    ['a megabyte field name', { [long]: 1 }, `"${cut}": not an app setting (one of plan, accountLimit, deleteEnabled, reimportCooldownDays, rateLimits, profileCustomTags, callbackUrl, callbackToken, callbackCommands, callbackTimeoutMs)`],
    ['a megabyte command name', { rateLimits: { [long]: 1 } }, `rateLimits."${cut}": not a command (one of ${app.mock.commands.map((c) => c.command).join(', ')})`],
    ['a field name with a line break', { 'a\nb': 1 }, '"a\\nb": not an app setting (one of plan, accountLimit, deleteEnabled, reimportCooldownDays, rateLimits, profileCustomTags, callbackUrl, callbackToken, callbackCommands, callbackTimeoutMs)'],
  ];
  for (const [name, body, message] of bad) {
    const res = await json(app, 'PUT', `/__mock/apps/${SDKAPPID}`, { body });
    t.equal(res.status, 400, name);
    t.equal((res.body as { message: string }).message, message, name);
  }
});

t.test('PUT: an undeclared app is a 404; a bad sdkappid a 400; in zero-config mode any sdkappid is an app', async (t) => {
  const { app } = build(t, { apps: declared });
  let res = await json(app, 'PUT', '/__mock/apps/1400000003', { body: { plan: 'pro' } });
  t.equal(res.status, 404);
  t.match(res.body, { statusCode: 404, error: 'Not Found', message: `no app 1400000003: the declared apps are ${SDKAPPID}, ${OTHER}` });
  for (const id of ['0', 'abc', '4294967296', '1.5', '-1']) {
    res = await json(app, 'PUT', `/__mock/apps/${id}`, { body: {} });
    t.equal(res.status, 400, id);
    t.match(res.body.message, /^sdkappid: must be a whole number from 1 to 4294967295/, id);
  }
  t.equal(app.mock.apps.list().length, 2, 'no app was made');

  const zero = build(t, { plan: 'trial' }).app;
  res = await json(zero, 'PUT', '/__mock/apps/77', { body: { accountLimit: 1 } });
  t.equal(res.status, 200, 'set before its first call');
  t.match(res.body, { sdkappid: 77, mode: 'zero-config', plan: 'trial', accountLimit: 1 });
  t.match(await call(t, zero, IMPORT, { UserID: 'a' }, { query: { sdkappid: '77' } }), { ErrorCode: 0 });
  t.match(await call(t, zero, IMPORT, { UserID: 'b' }, { query: { sdkappid: '77' } }), { ErrorCode: 70398 }, 'the cap set beforehand applies');
});

t.test('with a mock token, GET and PUT /__mock/apps answer 401 without it', async (t) => {
  const { app } = build(t, { mockToken: 'tok3n-of-the-test', plan: 'trial' });
  for (const [method, url] of [['GET', '/__mock/apps'], ['PUT', `/__mock/apps/${SDKAPPID}`]] as const) {
    const res = await json(app, method, url, { ...(method === 'PUT' && { body: { plan: 'pro' } }) });
    t.equal(res.status, 401, `${method} ${url}`);
    t.match(res.body, { statusCode: 401, message: /Authorization: Bearer/ });
  }
  t.equal(app.mock.apps.list().length, 0, 'the refused PUT made no app');
  const ok = await json(app, 'PUT', `/__mock/apps/${SDKAPPID}`, { body: { plan: 'pro' }, headers: { authorization: 'Bearer tok3n-of-the-test' } });
  t.equal(ok.status, 200);
  t.match(ok.body, { plan: 'pro' });
});

t.test('the OpenAPI document describes both routes', async (t) => {
  const { app } = build(t);
  const doc = (await json(app, 'GET', '/documentation/json')).body as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
  t.ok(doc.paths['/__mock/apps']?.get?.responses['200'], 'GET /__mock/apps');
  t.ok(doc.paths['/__mock/apps/{sdkappid}']?.put?.responses['404'], 'PUT /__mock/apps/{sdkappid}');
});

t.test('apps() and setApp() in process: the same views and rules; reset() restores the start settings', async (t) => {
  const server = await startMockServer({ apps: declared });
  t.teardown(() => server.close());
  t.same(server.apps(), (await (await fetch(`${server.url}/__mock/apps`)).json() as { apps: unknown[] }).apps);

  t.match(server.setApp(SDKAPPID, { plan: 'ultimate', rateLimits: { account_check: 9 } }), { plan: 'ultimate', deleteEnabled: false, reimportCooldownDays: 90 });
  server.setApp(OTHER, { accountLimit: 3, deleteEnabled: false });
  t.throws(() => server.setApp(SDKAPPID, { plan: 'gold' as never }), AppSettingsError);
  t.throws(() => server.setApp(SDKAPPID, { accountLimit: Number.NaN }), { message: /^accountLimit: .*, got a number$/ }, 'NaN, which no JSON body can send');
  t.throws(() => server.setApp(SDKAPPID, { accountLimit: -5 }), /^accountLimit: /);
  t.throws(() => server.setApp(1400000009, {}), UnknownAppError);
  t.throws(() => server.setApp(0, {}), AppSettingsError);

  const start = await startMockServer({ apps: declared });
  t.teardown(() => start.close());
  server.reset();
  t.same(server.apps(), start.apps(), 'every app has the settings and full buckets it started with');
  t.match(server.apps()[0], { plan: 'trial', accountLimit: 100, deleteEnabled: true });
  t.match(server.apps()[1]?.rateLimits[3], { command: 'account_check', limit: 5 }, "the config file's rate limit is back");
});

t.test('reset() gives zero-config apps their start settings back too', async (t) => {
  const server = await startMockServer({ plan: 'trial' });
  t.teardown(() => server.close());
  server.setApp(5, { plan: 'pro', accountLimit: 1 });
  server.reset();
  t.match(server.apps(), [{ sdkappid: 5, plan: 'trial', accountLimit: 100, deleteEnabled: true, reimportCooldownDays: 0 }]);
});
