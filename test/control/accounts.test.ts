import fc from 'fast-check';
import t, { type Test } from 'tap';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { verifyPassword } from '../accounts/verify-password.js';
import { ADMIN, build, call, IMPORT, REGISTER, SDKAPPID } from '../helper.js';
import { json } from './json.js';
import { CLIENT_TEXT_MAX, CUT_MARK } from '../../src/shared/clip.js';

const OTHER = SDKAPPID + 1;
const hosted = (identifier: string, extra: Record<string, unknown> = {}) => ({
  sdkappid: SDKAPPID,
  kind: 'hosted',
  identifier,
  identifierType: 3,
  password: 'clear-pass1',
  ...extra,
});
const standalone = (identifier: string, extra: Record<string, unknown> = {}) => ({ sdkappid: SDKAPPID, kind: 'standalone', identifier, ...extra });
const seed = (app: Parameters<typeof json>[0], ...accounts: unknown[]) => json(app, 'POST', '/__mock/accounts', { body: { accounts } });
const ids = (body: { accounts: { identifier: string }[] }) => body.accounts.map((a) => a.identifier).sort();

/** GET /__mock/state then PUT it back: the status and message of the PUT. */
async function roundTrip(app: FastifyInstance): Promise<[number, string]> {
  const state = await json(app, 'GET', '/__mock/state');
  const put = await json(app, 'PUT', '/__mock/state', { body: state.body });
  return [put.status, put.status === 200 ? '' : put.body.message];
}

/** Nothing that could reveal a password travels in a control answer. */
function assertNoSecrets(t: Test, raw: string, password = 'clear-pass1'): void {
  t.notMatch(raw, /"password(Hash)?"\s*:/i, 'no password field');
  t.notMatch(raw, /sha256\$/, 'no password hash');
  t.notOk(raw.includes(password), 'not the clear password');
}

t.test('an empty emulator lists no accounts', async (t) => {
  const { app } = build(t);
  t.same((await json(app, 'GET', '/__mock/accounts')).body, { accounts: [] });
  t.same((await json(app, 'GET', `/__mock/accounts?sdkappid=${SDKAPPID}`)).body, { accounts: [] });
});

t.test("accounts made through the vendor endpoints are listed with their fields and the clock's times, never a hash", async (t) => {
  const { app, clock } = build(t);
  await call(t, app, REGISTER, { Identifier: 'Alice', IdentifierType: 3, Password: 'clear-pass1' });
  clock.advance(5000);
  await call(t, app, IMPORT, { Identifier: 'bob', Nick: 'Bob', FaceUrl: 'http://x/b.png', Type: 1 }, { query: { sdkappid: String(OTHER) } });

  const all = await json(app, 'GET', '/__mock/accounts');
  t.equal(all.status, 200);
  t.same(all.body, {
    accounts: [
      {
        sdkappid: SDKAPPID,
        identifier: 'Alice',
        kind: 'hosted',
        identifierType: 3,
        createdAt: '2026-01-01T00:00:00.000Z',
        updatedAt: '2026-01-01T00:00:00.000Z',
      },
      {
        sdkappid: OTHER,
        identifier: 'bob',
        kind: 'standalone',
        nick: 'Bob',
        faceUrl: 'http://x/b.png',
        type: 1,
        createdAt: '2026-01-01T00:00:05.000Z',
        updatedAt: '2026-01-01T00:00:05.000Z',
      },
    ],
  });
  assertNoSecrets(t, all.raw);
  t.ok(app.mock.store.get(SDKAPPID, 'Alice')?.passwordHash, 'the store does hold a hash: the listing leaves it out');

  t.same(ids((await json(app, 'GET', `/__mock/accounts?sdkappid=${OTHER}`)).body), ['bob'], 'one app only');
  t.same((await json(app, 'GET', '/__mock/accounts?sdkappid=42')).body, { accounts: [] }, 'an app never used has none');
});

t.test('a bad sdkappid query is a 400 with a JSON message', async (t) => {
  const { app } = build(t);
  for (const query of ['sdkappid=abc', 'sdkappid=0', 'sdkappid=-1', 'sdkappid=4294967296', 'sdkappid=1.5', 'sdkapid=1']) {
    for (const method of ['GET', 'DELETE'] as const) {
      const res = await json(app, method, `/__mock/accounts?${query}`);
      t.equal(res.status, 400, `${method} ?${query}`);
      t.match(res.body, { statusCode: 400, error: 'Bad Request', message: /sdkap/ }, `${method} ?${query} says what is wrong`);
    }
  }
});

t.test('a lookup follows the store\'s case rules: hosted string accounts ignore case, everything else is exact', async (t) => {
  const { app } = build(t);
  t.equal(
    (
      await seed(
        app,
        hosted('Alice'),
        hosted('Carol@Example.com', { identifierType: 2 }),
        standalone('Bob'),
      )
    ).status,
    200,
  );
  const found = await json(app, 'GET', `/__mock/accounts/${SDKAPPID}/ALICE`);
  t.equal(found.status, 200);
  t.match(found.body, { sdkappid: SDKAPPID, identifier: 'Alice', kind: 'hosted', identifierType: 3 });
  assertNoSecrets(t, found.raw);
  t.equal((await json(app, 'GET', `/__mock/accounts/${SDKAPPID}/alice`)).status, 200);
  t.equal((await json(app, 'GET', `/__mock/accounts/${SDKAPPID}/Bob`)).status, 200);
  t.equal((await json(app, 'GET', `/__mock/accounts/${SDKAPPID}/${encodeURIComponent('Carol@Example.com')}`)).status, 200, 'an email, URL-encoded');

  const misses = ['bob', encodeURIComponent('carol@example.com'), 'nobody'];
  for (const id of misses) {
    const res = await json(app, 'GET', `/__mock/accounts/${SDKAPPID}/${id}`);
    t.equal(res.status, 404, id);
    t.match(res.body, { statusCode: 404, error: 'Not Found', message: /no account/ });
  }
  t.equal((await json(app, 'GET', `/__mock/accounts/${OTHER}/Alice`)).status, 404, 'another app');
  t.equal((await json(app, 'GET', '/__mock/accounts/abc/Alice')).status, 400, 'a bad sdkappid in the path');
});

t.test('DELETE without sdkappid empties every app and refills the rate limits', async (t) => {
  const { app } = build(t, { rateLimit: 1 });
  await seed(app, standalone('a'), standalone('b', { sdkappid: OTHER }));
  t.equal((await call(t, app, IMPORT, { Identifier: 'c' })).ErrorCode, 0);
  t.equal((await call(t, app, IMPORT, { Identifier: 'd' })).ErrorCode, 60007, 'the bucket is empty');

  const res = await json(app, 'DELETE', '/__mock/accounts');
  t.equal(res.status, 200);
  t.same(res.body, { deleted: 3 });
  t.same((await json(app, 'GET', '/__mock/accounts')).body, { accounts: [] });
  t.equal((await call(t, app, IMPORT, { Identifier: 'd' })).ErrorCode, 0, 'a reset starts with full buckets');
});

t.test('DELETE ?sdkappid=N empties that app only, and leaves the rate limits as they are', async (t) => {
  const { app } = build(t, { rateLimit: 1 });
  await seed(app, standalone('a'), standalone('b'), standalone('c', { sdkappid: OTHER }));
  t.equal((await call(t, app, IMPORT, { Identifier: 'x' })).ErrorCode, 0);

  const res = await json(app, 'DELETE', `/__mock/accounts?sdkappid=${SDKAPPID}`);
  t.same(res.body, { deleted: 3 });
  t.same((await json(app, 'GET', `/__mock/accounts?sdkappid=${SDKAPPID}`)).body, { accounts: [] });
  t.same(ids((await json(app, 'GET', '/__mock/accounts')).body), ['c'], 'the other app keeps its accounts');
  t.equal((await call(t, app, IMPORT, { Identifier: 'y' })).ErrorCode, 60007, 'the bucket was not refilled');
  t.same((await json(app, 'DELETE', '/__mock/accounts?sdkappid=42')).body, { deleted: 0 }, 'an empty app deletes nothing');
});

t.test('a reset forgets deletions: the re-import cooldown does not outlive it', async (t) => {
  const { app } = build(t, { reimportCooldownDays: 90 });
  await call(t, app, IMPORT, { Identifier: 'gone' });
  await call(t, app, '/v4/im_open_login_svc/account_delete', { DeleteItem: [{ UserID: 'gone' }] });
  t.equal((await call(t, app, IMPORT, { Identifier: 'gone' })).ErrorCode, 70399, 'the cooldown applies before the reset');
  await json(app, 'DELETE', '/__mock/accounts');
  t.equal((await call(t, app, IMPORT, { Identifier: 'gone' })).ErrorCode, 0);
});

t.test('POST seeds accounts in the listing\'s shape; a hosted password is stored only as a salted hash', async (t) => {
  const { app } = build(t);
  const res = await seed(
    app,
    hosted('Alice', { nick: 'Al' }),
    standalone('bob', { nick: 'Bob', faceUrl: 'http://x/b.png', type: 0, createdAt: '2025-06-01T08:00:00+08:00' }),
  );
  t.equal(res.status, 200);
  t.same(res.body, {
    accounts: [
      { sdkappid: SDKAPPID, identifier: 'Alice', kind: 'hosted', identifierType: 3, nick: 'Al', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' },
      {
        sdkappid: SDKAPPID,
        identifier: 'bob',
        kind: 'standalone',
        nick: 'Bob',
        faceUrl: 'http://x/b.png',
        type: 0,
        createdAt: '2025-06-01T00:00:00.000Z',
        updatedAt: '2025-06-01T00:00:00.000Z',
      },
    ],
  });
  assertNoSecrets(t, res.raw);
  const stored = app.mock.store.get(SDKAPPID, 'alice')?.passwordHash as string;
  t.ok(verifyPassword('clear-pass1', stored), 'the hash is of the given password');
  t.notOk(stored.includes('clear-pass1'));

  t.match(await call(t, app, REGISTER, { Identifier: 'ALICE', IdentifierType: 3, Password: 'password1' }), { ErrorCode: 70402 }, 'the vendor endpoint sees the seeded account');
  t.match(await call(t, app, '/v4/im_open_login_svc/account_check', { CheckItem: [{ UserID: 'bob' }] }), {
    ResultItem: [{ UserID: 'bob', AccountStatus: 'Imported' }],
  });
});

t.test('seeding an account that exists replaces it, in any letter case the store folds', async (t) => {
  const { app, clock } = build(t);
  await seed(app, standalone('bob', { nick: 'old' }), hosted('Alice'));
  clock.advance(1000);
  const res = await seed(app, standalone('bob', { faceUrl: 'http://x/new.png' }), hosted('alice', { password: 'other-pass1' }));
  t.equal(res.status, 200);
  const list = (await json(app, 'GET', '/__mock/accounts')).body.accounts;
  t.equal(list.length, 2, 'still two accounts');
  t.match(list.find((a: { identifier: string }) => a.identifier === 'bob'), { faceUrl: 'http://x/new.png', createdAt: '2026-01-01T00:00:01.000Z' });
  t.notOk('nick' in list.find((a: { identifier: string }) => a.identifier === 'bob'), 'replaced, not merged');
  t.ok(verifyPassword('other-pass1', app.mock.store.get(SDKAPPID, 'ALICE')?.passwordHash as string));

  const dup = await seed(app, standalone('dup', { nick: '1' }), standalone('dup', { nick: '2' }));
  t.equal(dup.status, 200, 'within one request too: the later entry wins');
  t.match((await json(app, 'GET', `/__mock/accounts/${SDKAPPID}/dup`)).body, { nick: '2' });
});

t.test('a bad account is refused with a 400 naming it and why, and nothing of the request is stored', async (t) => {
  const { app } = build(t);
  const long = 'x'.repeat(501);
  const cases: [string, unknown, RegExp][] = [
    ['hosted identifier too short (70419)', hosted('abc'), /accounts\[1\] \('abc' in app \d+\).*70419/],
    ['hosted identifier not of its type (70421)', hosted('86-138', { identifierType: 2 }), /accounts\[1\].*70421/],
    ['all-digit string account (70421)', hosted('12345'), /accounts\[1\].*70421/],
    ['password too short (70418)', hosted('alice', { password: 'short' }), /accounts\[1\].*Password.*70418/],
    ['password too long (70418)', hosted('alice', { password: 'p'.repeat(17) }), /accounts\[1\].*70418/],
    ['hosted without a password', { sdkappid: SDKAPPID, kind: 'hosted', identifier: 'alice', identifierType: 3 }, /accounts\[1\].*password/],
    ['hosted without identifierType', { sdkappid: SDKAPPID, kind: 'hosted', identifier: 'alice', password: 'password1' }, /identifierType/],
    ['identifierType out of range', hosted('alice', { identifierType: 4 }), /identifierType: Expected one of 1, 2, 3/],
    ['identifierType as a string', hosted('alice', { identifierType: '3' }), /identifierType/],
    ['standalone identifier over 32 bytes (70402)', standalone('用'.repeat(11)), /accounts\[1\].*70402/],
    ['empty standalone identifier', standalone(''), /accounts\[1\].*70402/],
    ['nick over 500 bytes (40601)', standalone('bob', { nick: long }), /accounts\[1\].*40601/],
    ['faceUrl over 500 bytes (40601)', hosted('alice', { faceUrl: long }), /accounts\[1\].*40601/],
    ['type 2', standalone('bob', { type: 2 }), /type: Expected one of 0, 1/],
    ['a password on a standalone account', standalone('bob', { password: 'password1' }), /password: not a field of a standalone account/],
    ['an unknown field', standalone('bob', { nickname: 'B' }), /nickname: not a field/],
    ['unknown kind', { sdkappid: SDKAPPID, kind: 'robot', identifier: 'bob' }, /accounts\[1\].*kind: Expected one of "hosted", "standalone"/],
    ['no kind', { sdkappid: SDKAPPID, identifier: 'bob' }, /kind/],
    ['sdkappid 0', standalone('bob', { sdkappid: 0 }), /accounts\[1\].*sdkappid/],
    ['sdkappid as a string', standalone('bob', { sdkappid: '1400000001' }), /sdkappid/],
    ['identifier a number', standalone(123 as unknown as string), /accounts\[1\].*identifier/],
    ['createdAt not a date', standalone('bob', { createdAt: 'yesterday' }), /createdAt/],
    ['createdAt an impossible date', standalone('bob', { createdAt: '2025-13-45T00:00:00Z' }), /createdAt/],
    ['updatedAt before createdAt', standalone('bob', { createdAt: '2025-02-01T00:00:00Z', updatedAt: '2025-01-01T00:00:00Z' }), /updatedAt/],
    ['an entry that is not an object', 'bob', /accounts\[1\]: an account must be a JSON object/],
    ['null', null, /accounts\[1\]/],
  ];
  for (const [name, bad, message] of cases) {
    const res = await seed(app, standalone('good'), bad);
    t.equal(res.status, 400, name);
    t.match(res.body, { statusCode: 400, error: 'Bad Request', message }, name);
    assertNoSecrets(t, res.raw, 'password1');
  }
  t.same((await json(app, 'GET', '/__mock/accounts')).body, { accounts: [] }, 'not even the good entry before the bad one was stored');
});

t.test('a bad document is a 400 with a JSON message', async (t) => {
  const { app } = build(t);
  const bodies: [string, unknown, RegExp][] = [
    ['an array', [standalone('bob')], /\{"accounts":\[\.\.\.\]\}/],
    ['no accounts', {}, /accounts/],
    ['accounts not an array', { accounts: standalone('bob') }, /accounts/],
    ['an unknown top-level field', { accounts: [], apps: [] }, /unexpected property 'apps'/],
  ];
  for (const [name, body, message] of bodies) {
    const res = await json(app, 'POST', '/__mock/accounts', { body });
    t.equal(res.status, 400, name);
    t.match(res.body, { statusCode: 400, message }, name);
  }
  const broken = await app.inject({ method: 'POST', url: '/__mock/accounts', headers: { 'content-type': 'application/json' }, payload: '{"accounts":[' });
  t.equal(broken.statusCode, 400, 'invalid JSON');
  t.match(JSON.parse(broken.body), { statusCode: 400, error: 'Bad Request', message: /JSON/ });
  t.notMatch(broken.body, /at .*\.(js|ts):\d+/, 'no stack trace');
  const empty = await json(app, 'POST', '/__mock/accounts', { body: { accounts: [] } });
  t.same([empty.status, empty.body], [200, { accounts: [] }], 'an empty list seeds nothing and is fine');
});

t.test('in declared mode, only declared apps can be seeded', async (t) => {
  const { app } = build(t, { apps: [{ sdkappid: SDKAPPID, admin: ADMIN, secretKey: 'k' }] });
  t.equal((await seed(app, standalone('bob'))).status, 200);
  const res = await seed(app, standalone('bob', { sdkappid: OTHER }));
  t.equal(res.status, 400);
  t.match(res.body.message, new RegExp(`accounts\\[0\\].*app ${OTHER} is not declared`));
});

t.test('a hosted string account and an account equal to it but for case are refused, within a request and against the store', async (t) => {
  const { app } = build(t);
  const clash = /identifier: clashes with the account '(Alice|alice|ALICE)' in app \d+.*70402/;
  for (const [name, accounts] of [
    ['standalone first', [standalone('Alice'), hosted('alice')]],
    ['hosted first', [hosted('alice'), standalone('Alice')]],
    ['hosted in another case', [hosted('ALICE'), standalone('Alice')]],
  ] as const) {
    const res = await seed(app, ...accounts);
    t.equal(res.status, 400, name);
    t.match(res.body.message, /^accounts\[1\]/, `${name}: names the second entry`);
    t.match(res.body.message, clash, name);
  }
  t.same((await json(app, 'GET', '/__mock/accounts')).body, { accounts: [] }, 'nothing stored');

  t.equal((await seed(app, standalone('Alice'))).status, 200);
  const later = await seed(app, standalone('bob'), hosted('alice'));
  t.equal(later.status, 400, 'a seed is checked against the accounts already stored');
  t.match(later.body.message, /^accounts\[1\] \('alice' in app \d+\): identifier: clashes with the account 'Alice'/);
  t.same(ids((await json(app, 'GET', '/__mock/accounts')).body), ['Alice'], 'all or nothing: bob was not stored either');

  await json(app, 'DELETE', '/__mock/accounts');
  t.match(await call(t, app, REGISTER, { Identifier: 'alice', IdentifierType: 3, Password: 'clear-pass1' }), { ErrorCode: 0 });
  const overVendor = await seed(app, standalone('ALICE'));
  t.equal(overVendor.status, 400, 'a standalone seed beside a registered string account');
  t.match(overVendor.body.message, /clashes with the account 'alice'/);
  t.same(await roundTrip(app), [200, ''], 'the store stayed importable');
});

t.test('what the store holds as one account or lets live side by side is still seeded', async (t) => {
  const { app } = build(t);
  const cases: [string, unknown[], string[]][] = [
    ['standalone accounts differ by case', [standalone('Alice'), standalone('alice'), standalone('ALICE')], ['ALICE', 'Alice', 'alice']],
    ['a hosted string account replaces the standalone one under its key', [standalone('alice'), hosted('Alice')], ['Alice']],
    ['a standalone account replaces the hosted one under its key', [hosted('Alice'), standalone('alice')], ['alice']],
    ['once replaced, the hosted account clashes no more', [hosted('alice'), standalone('alice'), standalone('Alice')], ['Alice', 'alice']],
    ['an email and a standalone account with its letters', [hosted('carol@example.com', { identifierType: 2 }), standalone('Carol@example.com')], ['Carol@example.com', 'carol@example.com']],
  ];
  for (const [name, accounts, expected] of cases) {
    await json(app, 'DELETE', '/__mock/accounts');
    const res = await seed(app, ...accounts);
    t.equal(res.status, 200, `${name}: ${res.body.message ?? ''}`);
    t.same(ids((await json(app, 'GET', '/__mock/accounts')).body), expected, name);
    t.same(await roundTrip(app), [200, ''], `${name}: the state round trip takes it`);
  }
});

t.test('a stored account counts until a seed before in the request replaces it', async (t) => {
  const { app } = build(t);
  t.match(await call(t, app, REGISTER, { Identifier: 'alice', IdentifierType: 3, Password: 'clear-pass1' }), { ErrorCode: 0 });
  const alone = await seed(app, standalone('Alice'));
  t.equal(alone.status, 400, 'the stored string account alice clashes');
  t.match(alone.body.message, /clashes with the account 'alice'/);
  const replaced = await seed(app, standalone('alice'), standalone('Alice'));
  t.equal(replaced.status, 200, `once a seed has replaced it, it clashes no more: ${replaced.body.message ?? ''}`);
  t.same(ids((await json(app, 'GET', '/__mock/accounts')).body), ['Alice', 'alice']);
  t.same(await roundTrip(app), [200, ''], 'the state round trip takes it');

  t.equal((await seed(app, standalone('BOBBY'), standalone('Bobby'))).status, 200);
  const both = await seed(app, standalone('Bobby'), hosted('bobby'));
  t.equal(both.status, 400, 'a seed replacing one of two stored accounts that fold alike clashes as they do');
  t.match(both.body.message, /^accounts\[1\].*clashes with the account '(Bobby|BOBBY)'/);
});

t.test('seed times are real UTC times the state document can hold', async (t) => {
  const { app } = build(t);
  for (const [name, extra, message] of [
    ['February 30th', { createdAt: '2024-02-30T00:00:00Z' }, /^accounts\[0\].*createdAt: .*names no time that exists/],
    ['24 o\'clock', { updatedAt: '2025-01-01T24:00:00Z' }, /updatedAt: /],
    ['after year 9999 in UTC', { createdAt: '9999-12-31T23:00:00-05:00' }, /createdAt: '\+010000-.*between years 0000 and 9999/],
    ['updatedAt before createdAt, an offset apart', { createdAt: '2025-01-01T08:00:00+08:00', updatedAt: '2024-12-31T23:59:59Z' }, /updatedAt: must not be before createdAt/],
  ] as const) {
    const res = await seed(app, standalone('bob', extra));
    t.equal(res.status, 400, name);
    t.match(res.body.message, message, name);
  }
  const res = await seed(app, standalone('bob', { createdAt: '2024-02-29T23:00:00-01:00', updatedAt: '2024-03-01T00:00:00Z' }));
  t.equal(res.status, 200, 'a leap day, and equal times written two ways');
  t.same(await roundTrip(app), [200, '']);
});

t.test('anything seeding accepts, a GET state -> PUT state round trip accepts', async (t) => {
  const { app } = build(t, { reimportCooldownDays: 90 });
  const identifiers = ['alice', 'Alice', 'ALICE', 'alice.b', 'Alice.B', 'bob1'];
  const entry = fc.oneof(
    fc.record({ kind: fc.constant('standalone'), identifier: fc.constantFrom(...identifiers) }),
    fc.record({ kind: fc.constant('hosted'), identifier: fc.constantFrom(...identifiers), identifierType: fc.constant(3), password: fc.constant('clear-pass1') }),
    fc.record({ kind: fc.constant('delete'), identifier: fc.constantFrom(...identifiers) }),
  );
  let accepted = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(fc.array(entry, { maxLength: 4 }), { minLength: 1, maxLength: 4 }), async (requests) => {
      await json(app, 'DELETE', '/__mock/accounts');
      for (const request of requests) {
        const deletions = request.filter((e) => e.kind === 'delete').map((e) => ({ UserID: e.identifier }));
        if (deletions.length > 0) await call(t, app, '/v4/im_open_login_svc/account_delete', { DeleteItem: deletions });
        const seeds = request.filter((e) => e.kind !== 'delete').map((e) => ({ sdkappid: SDKAPPID, ...e }));
        if ((await seed(app, ...seeds)).status === 200) accepted++;
      }
      const [status, message] = await roundTrip(app);
      if (status !== 200) throw new Error(`seeded, then the state import refused it: ${message}`);
    }),
    { numRuns: 150, seed: 20260101 },
  );
  t.ok(accepted > 100, `many seed requests were accepted (${accepted}), so the property was exercised`);
});

t.test("Fastify's own JSON parser refuses a __proto__ key with the error of text that is not JSON", async (t) => {
  // Why the control plane reads a refused text again rather than mapping the error in its error
  // handler: the error carries nothing that tells the two apart, and the handler has no body.
  const parse = Fastify().getDefaultJsonParser('error', 'error') as (
    request: FastifyRequest, body: string, done: (error: Error | null, parsed?: unknown) => void) => void;
  const errorOf = (body: string) => {
    let seen: Error | null = null;
    parse({} as FastifyRequest, body, (error) => void (seen = error));
    return seen as (Error & { code?: string; cause?: unknown }) | null;
  };
  for (const body of ['{"__proto__":{}}', '{"constructor":{"prototype":{}}}', '{"a":']) {
    t.match(errorOf(body), { code: 'FST_ERR_CTP_INVALID_JSON_BODY', message: 'Body is not valid JSON but content-type is set to \'application/json\'' }, body);
    t.equal(errorOf(body)?.cause, undefined, `${body}: no cause`);
  }
  t.equal(errorOf('{"a":1}'), null);
});

t.test('a control body needs Content-Type application/json; a __proto__ or constructor.prototype key is refused saying so', async (t) => {
  const { app } = build(t);
  const payload = JSON.stringify({ accounts: [standalone('bob')] });
  for (const headers of [{}, { 'content-type': 'application/x-www-form-urlencoded' }]) {
    const res = await app.inject({ method: 'POST', url: '/__mock/accounts', headers, payload });
    t.equal(res.statusCode, 415, JSON.stringify(headers));
    t.match(res.json(), { statusCode: 415, error: 'Unsupported Media Type' }, 'in the control error shape');
  }
  const post = (payload: string) =>
    app.inject({ method: 'POST', url: '/__mock/accounts', headers: { 'content-type': 'application/json' }, payload });
  const refused = /^the body has a key named __proto__ or constructor\.prototype: such keys are not accepted$/;
  for (const payload of [
    '{"accounts":[],"__proto__":{"polluted":true}}',
    '{"accounts":[{"__proto__":{"polluted":true}}]}',
    '{"accounts":[],"\\u005f_proto__":{}}',
    '{"accounts":[],"constructor":{"prototype":{"polluted":true}}}',
  ]) {
    const res = await post(payload);
    t.equal(res.statusCode, 400, payload);
    t.match(res.json(), { statusCode: 400, error: 'Bad Request', message: refused }, `${payload}: says why, in the control error shape`);
  }
  for (const payload of ['{"accounts":[', '{"accounts":[],"__proto__":', 'not json']) {
    const res = await post(payload);
    t.equal(res.statusCode, 400, payload);
    t.match(res.json(), { statusCode: 400, error: 'Bad Request', message: /^Body is not valid JSON/ }, `${payload}: still not valid JSON`);
  }
  const empty = await post('');
  t.match(empty.json(), { statusCode: 400, message: /Body cannot be empty/ }, 'an empty body is said to be empty');
  t.equal(app.mock.store.count(), 0);
  t.notOk(Object.hasOwn(Object.prototype, 'polluted'), 'no prototype reached');
  const fine = await post('{"accounts":[{"sdkappid":1400000001,"kind":"standalone","identifier":"constructor","nick":"x"}]}');
  t.equal(fine.statusCode, 200, `an account named constructor is taken: ${fine.body}`);
});

const listed = async (app: FastifyInstance, query: string) => (await json(app, 'GET', `/__mock/accounts?${query}`)).body;

t.test('with limit, the listing is a page in storing order, with total and the next cursor; the pages cover every account once', async (t) => {
  const { app } = build(t);
  const names = Array.from({ length: 7 }, (_, i) => `user${i}`);
  await seed(app, ...names.map((name) => standalone(name)), standalone('elsewhere', { sdkappid: OTHER }));

  const first = await listed(app, `sdkappid=${SDKAPPID}&limit=3`);
  t.same(first.accounts.map((a: { identifier: string }) => a.identifier), ['user0', 'user1', 'user2']);
  t.equal(first.total, 7);
  t.equal(first.next, '3');
  const second = await listed(app, `sdkappid=${SDKAPPID}&limit=3&cursor=${first.next}`);
  t.same(second.accounts.map((a: { identifier: string }) => a.identifier), ['user3', 'user4', 'user5']);
  const last = await listed(app, `sdkappid=${SDKAPPID}&limit=3&cursor=${second.next}`);
  t.same(last.accounts.map((a: { identifier: string }) => a.identifier), ['user6']);
  t.equal(last.next, null, 'the last page has no next');
  t.equal(last.total, 7, 'total is on every page');

  const exact = await listed(app, `sdkappid=${SDKAPPID}&limit=7`);
  t.equal(exact.accounts.length, 7);
  t.equal(exact.next, null, 'a page that ends on the last account has no next');
  t.equal((await listed(app, `sdkappid=${SDKAPPID}&limit=6`)).next, '6', 'one short: a next');
  t.same(await listed(app, `sdkappid=${SDKAPPID}&limit=3&cursor=7`), { accounts: [], next: null, total: 7 }, 'past the end: empty');

  const everyApp = await listed(app, 'limit=100');
  t.equal(everyApp.total, 8, 'without sdkappid, every app');
  t.equal(everyApp.accounts.at(-1).identifier, 'elsewhere', 'app by app');
  t.same(await listed(app, `sdkappid=${SDKAPPID}`), { accounts: (await listed(app, `sdkappid=${SDKAPPID}&limit=7`)).accounts }, 'without limit: every account and no paging fields, as before');
});

t.test('search keeps identifiers containing the text anywhere, ignoring ASCII case; with limit the total counts matches', async (t) => {
  const { app } = build(t);
  await seed(app, standalone('alice'), standalone('Malik'), standalone('bob'), standalone('ÄLI'), hosted('Carol.Ali'));
  const found = (body: { accounts: { identifier: string }[] }) => body.accounts.map((a) => a.identifier);
  t.same(found(await listed(app, 'search=ali')), ['alice', 'Malik', 'Carol.Ali'], 'a substring, not only a prefix, in any ASCII case');
  t.same(found(await listed(app, 'search=ALI')), ['alice', 'Malik', 'Carol.Ali']);
  t.same(found(await listed(app, `search=${encodeURIComponent('äli')}`)), [], 'only ASCII letters fold: Ä is not ä');
  t.same(found(await listed(app, `search=${encodeURIComponent('ÄLI')}`)), ['ÄLI']);
  t.same(await listed(app, 'search=zzz&limit=10'), { accounts: [], next: null, total: 0 });
  const page = await listed(app, 'search=ali&limit=2');
  t.same(found(page), ['alice', 'Malik']);
  t.equal(page.total, 3);
  t.same(found(await listed(app, `search=ali&limit=2&cursor=${page.next}`)), ['Carol.Ali']);
});

t.test('the last page and a search of 100,000 accounts', async (t) => {
  const { app } = build(t);
  // Straight into the store: a seed body of 100,000 accounts is over the body limit.
  for (let i = 0; i < 100_000; i++) app.mock.store.import(SDKAPPID, `user${i}`, {});
  const page = await listed(app, `sdkappid=${SDKAPPID}&limit=50&cursor=99950`);
  t.equal(page.total, 100_000);
  t.equal(page.accounts.length, 50);
  t.equal(page.accounts[0].identifier, 'user99950');
  t.equal(page.next, null);
  const searched = await listed(app, `sdkappid=${SDKAPPID}&limit=1000&search=user9999`);
  t.equal(searched.total, 11, 'user9999 and user99990 to user99999');
  t.equal(searched.accounts.length, 11);
});

t.test('bad paging queries are a 400 naming the field', async (t) => {
  const { app } = build(t);
  for (const [query, field] of [
    ['limit=0', /limit/],
    ['limit=1001', /limit/],
    ['limit=1.5', /limit/],
    ['limit=2&cursor=-1', /cursor/],
    ['limit=2&cursor=01', /cursor/],
    ['limit=2&cursor=abc', /cursor/],
    ['limit=2&cursor=1000000000', /cursor/],
    ['cursor=2', /cursor needs limit/],
    ['search=', /search/],
  ] as const) {
    const res = await json(app, 'GET', `/__mock/accounts?${query}`);
    t.equal(res.status, 400, query);
    t.match(res.body, { statusCode: 400, message: field }, `${query}: says what is wrong`);
  }
  t.equal((await json(app, 'GET', '/__mock/accounts?limit=1000')).status, 200, 'limit 1000 is the last allowed');
  t.equal((await json(app, 'GET', '/__mock/accounts?limit=1&cursor=999999999')).status, 200, 'the longest cursor');
});

t.test('DELETE /__mock/accounts/:sdkappid/:identifier removes one account, found as GET finds it, with no cooldown', async (t) => {
  const { app } = build(t);
  await seed(app, hosted('Alice'), standalone('bob'), standalone('bob', { sdkappid: OTHER }));
  const res = await json(app, 'DELETE', `/__mock/accounts/${SDKAPPID}/ALICE`);
  t.equal(res.status, 200);
  t.same(res.body, { deleted: 1 });
  t.same(ids(await listed(app, `sdkappid=${SDKAPPID}`)), ['bob']);
  t.same(ids(await listed(app, `sdkappid=${OTHER}`)), ['bob'], 'the other app keeps its bob');

  const missing = await json(app, 'DELETE', `/__mock/accounts/${SDKAPPID}/Alice`);
  t.equal(missing.status, 404);
  t.match(missing.body, { statusCode: 404, error: 'Not Found', message: "no account 'Alice' in app 1400000001" });
  t.equal((await json(app, 'DELETE', `/__mock/accounts/${SDKAPPID}/BOB`)).status, 404, 'a standalone account is exact');

  t.equal((await json(app, 'DELETE', `/__mock/accounts/${SDKAPPID}/bob`)).status, 200);
  t.equal((await call(t, app, IMPORT, { Identifier: 'bob' })).ErrorCode, 0, 'imported again at once: no 70399');
  t.equal((await json(app, 'DELETE', '/__mock/accounts/0/bob')).status, 400, 'a bad sdkappid');
});

t.test('the 404 of GET and DELETE names the identifier from the URL cut to 64 units, as the journal cuts it', async (t) => {
  const { app } = build(t);
  // 100 characters: Fastify's longest route parameter (maxParamLength); the vendor's longest identifier is 32 bytes.
  const long = 'x'.repeat(100);
  const message = `no account '${'x'.repeat(CLIENT_TEXT_MAX - 1)}${CUT_MARK}' in app ${SDKAPPID}`;
  for (const method of ['GET', 'DELETE'] as const) {
    const res = await json(app, method, `/__mock/accounts/${SDKAPPID}/${long}`);
    t.equal(res.status, 404, method);
    t.same(res.body, { statusCode: 404, error: 'Not Found', message }, method);
  }
});
