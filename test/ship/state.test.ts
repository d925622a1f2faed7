import t, { type Test } from 'tap';
import type { FastifyInstance } from 'fastify';
import { isPasswordHash } from '../../src/model/accounts/password.js';
import { STATE_FORMAT, STATE_VERSION, type StateDocument } from '../../src/services/state-file/document.js';
import { ADMIN, build, call, IMPORT, REGISTER, SDKAPPID } from '../helper.js';

const T = '2026-01-01T00:00:00.000Z';
const HASH = `sha256$c2FsdA==$${'A'.repeat(43)}=`;

const doc = (apps: unknown[]): Record<string, unknown> => ({ format: STATE_FORMAT, version: STATE_VERSION, apps });
const standalone = (identifier: string, extra: Record<string, unknown> = {}) => ({ identifier, kind: 'standalone', createdAt: T, updatedAt: T, ...extra });
const hosted = (identifier: string, identifierType: 1 | 2 | 3, extra: Record<string, unknown> = {}) => ({
  identifier,
  kind: 'hosted',
  identifierType,
  passwordHash: HASH,
  createdAt: T,
  updatedAt: T,
  ...extra,
});

const getState = async (app: FastifyInstance): Promise<StateDocument> => {
  const res = await app.inject({ method: 'GET', url: '/__mock/state' });
  if (res.statusCode !== 200) throw new Error(`GET /__mock/state: ${res.statusCode} ${res.body}`);
  return res.json();
};
const putState = (app: FastifyInstance, body: unknown) =>
  app.inject({ method: 'PUT', url: '/__mock/state', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });

/** An app with a hosted account of each type, standalone ones in two apps, and a deletion. */
async function populated(t: Test): Promise<FastifyInstance> {
  const { app, clock } = build(t);
  t.match(await call(t, app, REGISTER, { Identifier: 'Alice.B', IdentifierType: 3, Password: 'pas122333' }), { ErrorCode: 0 });
  t.match(await call(t, app, REGISTER, { Identifier: '86-13800138000', IdentifierType: 1, Password: 'phone-pass1' }), { ErrorCode: 0 });
  t.match(await call(t, app, REGISTER, { Identifier: 'carol@example.com', IdentifierType: 2, Password: 'carol-pass1' }), { ErrorCode: 0 });
  clock.advance(60_000);
  t.match(await call(t, app, IMPORT, { Identifier: 'bob', Nick: '鲍勃', FaceUrl: 'http://img/bob', Type: 1 }), { ErrorCode: 0 });
  t.match(await call(t, app, IMPORT, { Identifier: 'gone' }), { ErrorCode: 0 });
  t.match(await call(t, app, IMPORT, { Identifier: 'dave' }, { query: { sdkappid: '1400000002' } }), { ErrorCode: 0 });
  t.ok(app.mock.store.delete(SDKAPPID, 'gone'));
  return app;
}

t.test('export -> import into a fresh emulator gives identical listings', async (t) => {
  const source = await populated(t);
  const exported = await getState(source);
  t.equal(exported.format, STATE_FORMAT);
  t.equal(exported.version, STATE_VERSION);

  const { app: target } = build(t);
  const res = await putState(target, exported);
  t.equal(res.statusCode, 200, res.body);
  t.same(res.json(), { apps: 2, accounts: 5 });

  t.same(target.mock.store.list(), source.mock.store.list(), 'every account, field for field, in the same order');
  t.same(await getState(target), exported, 'and it exports the same document again');
  t.equal(target.mock.store.deletedAt(SDKAPPID, 'gone'), source.mock.store.deletedAt(SDKAPPID, 'gone'), 'deletions come along');

  // The imported accounts are keyed as the vendor keys them: the string account in any case.
  t.match(await call(t, target, REGISTER, { Identifier: 'alice.b', IdentifierType: 3, Password: 'other-pass1' }), { ErrorCode: 70402 });
});

t.test('the export carries password hashes and never a clear password', async (t) => {
  const app = await populated(t);
  const res = await app.inject({ method: 'GET', url: '/__mock/state' });
  for (const password of ['pas122333', 'phone-pass1', 'carol-pass1']) t.notMatch(res.body, password);
  const hostedAccounts = (res.json() as StateDocument).apps.flatMap((a) => a.accounts).filter((a) => a.kind === 'hosted');
  t.equal(hostedAccounts.length, 3);
  for (const account of hostedAccounts) t.ok(isPasswordHash(account.passwordHash ?? ''), `${account.identifier} has a salted hash`);
});

t.test('PUT replaces the whole state, other apps included', async (t) => {
  const app = await populated(t);
  const res = await putState(app, doc([{ sdkappid: 7, accounts: [standalone('only')] }]));
  t.equal(res.statusCode, 200, res.body);
  t.same(
    app.mock.store.list().map((a) => [a.sdkappid, a.identifier]),
    [[7, 'only']],
  );
  t.equal(app.mock.store.deletedAt(SDKAPPID, 'gone'), undefined, 'old deletions are gone too');
  t.equal((await putState(app, doc([]))).statusCode, 200, 'an empty document empties the emulator');
  t.equal(app.mock.store.count(), 0);
});

t.test('a bad document is a 400 naming the problem, and changes nothing', async (t) => {
  const cases: Array<[string, unknown, RegExp]> = [
    ['not an object', [], /must be a JSON object/],
    ['another format', { ...doc([]), format: 'firebase' }, /^format: /],
    ['a future version', { ...doc([]), version: 2 }, /^version: 2 is not supported/],
    ['a missing field', { format: STATE_FORMAT, version: STATE_VERSION }, /^apps: /],
    ['an unknown top-level field', { ...doc([]), extra: 1 }, /^extra: /],
    ['a clear password', doc([{ sdkappid: 7, accounts: [hosted('alice', 3, { password: 'pas122333' })] }]), /^apps\[0\]\.accounts\[0\]\.password: /],
    ['a hosted account without a hash', doc([{ sdkappid: 7, accounts: [hosted('alice', 3, { passwordHash: undefined })] }]), /^apps\[0\]\.accounts\[0\]\.passwordHash: /],
    ['a hash not as exported', doc([{ sdkappid: 7, accounts: [hosted('alice', 3, { passwordHash: 'pas122333' })] }]), /^apps\[0\]\.accounts\[0\]\.passwordHash: /],
    ['a hosted account without a type', doc([{ sdkappid: 7, accounts: [hosted('alice', 3, { identifierType: undefined })] }]), /^apps\[0\]\.accounts\[0\]: .*identifierType/],
    ['an identifier not of its type', doc([{ sdkappid: 7, accounts: [hosted('alice', 2)] }]), /^apps\[0\]\.accounts\[0\]\.identifier: /],
    ['a hosted identifier too short', doc([{ sdkappid: 7, accounts: [hosted('abc', 3)] }]), /^apps\[0\]\.accounts\[0\]\.identifier: /],
    ['a standalone account with a hash', doc([{ sdkappid: 7, accounts: [standalone('bob', { passwordHash: HASH })] }]), /^apps\[0\]\.accounts\[0\]: /],
    ['a standalone identifier over 32 bytes', doc([{ sdkappid: 7, accounts: [standalone('x'.repeat(33))] }]), /^apps\[0\]\.accounts\[0\]\.identifier: /],
    ['a nick over 500 bytes', doc([{ sdkappid: 7, accounts: [standalone('bob', { nick: '字'.repeat(167) })] }]), /^apps\[0\]\.accounts\[0\]\.nick: /],
    ['a time that is not one', doc([{ sdkappid: 7, accounts: [standalone('bob', { createdAt: 'yesterday' })] }]), /^apps\[0\]\.accounts\[0\]\.createdAt: /],
    ['a time that does not exist', doc([{ sdkappid: 7, accounts: [standalone('bob', { updatedAt: '2026-13-45T00:00:00Z' })] }]), /^apps\[0\]\.accounts\[0\]\.updatedAt: /],
    ['an sdkappid out of range', doc([{ sdkappid: 0, accounts: [] }]), /^apps\[0\]\.sdkappid: /],
    ['an app twice', doc([{ sdkappid: 7, accounts: [] }, { sdkappid: 7, accounts: [] }]), /^apps\[1\]\.sdkappid: 7 appears twice/],
    ['one account twice', doc([{ sdkappid: 7, accounts: [standalone('bob'), standalone('bob')] }]), /^apps\[0\]\.accounts\[1\]\.identifier: 'bob' appears twice/],
    ['a string account twice in two cases', doc([{ sdkappid: 7, accounts: [hosted('alice', 3), hosted('ALICE', 3)] }]), /^apps\[0\]\.accounts\[1\]\.identifier: /],
    ['a string account and a standalone one equal but for case', doc([{ sdkappid: 7, accounts: [standalone('Alice'), hosted('alice', 3)] }]), /^apps\[0\]\.accounts\[1\]\.identifier: /],
    ['a bad deletion', doc([{ sdkappid: 7, accounts: [], deleted: [{ identifier: 'x', deletedAt: -1 }] }]), /^apps\[0\]\.deleted\[0\]\.deletedAt: /],
    ['a deletion after year 9999', doc([{ sdkappid: 7, accounts: [], deleted: [{ identifier: 'x', deletedAt: 1e300 }] }]), /^apps\[0\]\.deleted\[0\]\.deletedAt: /],
    ['a deletion one second after 9999', doc([{ sdkappid: 7, accounts: [], deleted: [{ identifier: 'x', deletedAt: 253402300800 }] }]), /^apps\[0\]\.deleted\[0\]\.deletedAt: /],
    ['one identifier deleted twice', doc([{ sdkappid: 7, accounts: [], deleted: [{ identifier: 'x', deletedAt: 1 }, { identifier: 'x', deletedAt: 2 }] }]), /^apps\[0\]\.deleted\[1\]\.identifier: 'x' appears twice/],
    ['a deletion of an account that exists', doc([{ sdkappid: 7, accounts: [standalone('bob')], deleted: [{ identifier: 'bob', deletedAt: 1 }] }]), /^apps\[0\]\.deleted\[0\]\.identifier: 'bob' is the account 'bob'/],
    ['a deletion of a string account in another case', doc([{ sdkappid: 7, accounts: [hosted('alice', 3)], deleted: [{ identifier: 'ALICE', deletedAt: 1 }] }]), /^apps\[0\]\.deleted\[0\]\.identifier: 'ALICE' is the account 'alice'/],
    ['updatedAt before createdAt', doc([{ sdkappid: 7, accounts: [standalone('bob', { createdAt: '2026-01-02T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' })] }]), /^apps\[0\]\.accounts\[0\]\.updatedAt: must not be before createdAt/],
    ['February 30th', doc([{ sdkappid: 7, accounts: [standalone('bob', { createdAt: '2024-02-30T00:00:00Z' })] }]), /^apps\[0\]\.accounts\[0\]\.createdAt: /],
    ['25 o\'clock', doc([{ sdkappid: 7, accounts: [standalone('bob', { updatedAt: '2026-01-01T25:00:00Z' })] }]), /^apps\[0\]\.accounts\[0\]\.updatedAt: /],
    // The fault is deep in the last app: everything before it was fine and must not be applied.
    ['a fault after good apps', doc([{ sdkappid: 7, accounts: [standalone('new')] }, { sdkappid: 8, accounts: [standalone('ok'), standalone('')] }]), /^apps\[1\]\.accounts\[1\]\.identifier: /],
  ];
  const app = await populated(t);
  const before = await getState(app);
  for (const [name, body, message] of cases) {
    const res = await putState(app, body);
    t.equal(res.statusCode, 400, `${name}: 400`);
    t.match(res.json(), { statusCode: 400, error: 'Bad Request', message }, `${name}: ${res.json().message}`);
  }
  t.same(await getState(app), before, 'not one of them changed anything');
});

t.test('a body that is not JSON is a 400 and changes nothing', async (t) => {
  const app = await populated(t);
  const before = await getState(app);
  const res = await app.inject({ method: 'PUT', url: '/__mock/state', headers: { 'content-type': 'application/json' }, payload: '{"format":' });
  t.equal(res.statusCode, 400);
  t.same(await getState(app), before);
});

t.test('in declared mode only declared apps can be imported', async (t) => {
  const { app } = build(t, { apps: [{ sdkappid: SDKAPPID, admin: ADMIN, secretKey: 'k' }] });
  t.equal((await putState(app, doc([{ sdkappid: SDKAPPID, accounts: [standalone('bob')] }]))).statusCode, 200);
  const res = await putState(app, doc([{ sdkappid: SDKAPPID, accounts: [] }, { sdkappid: 42, accounts: [] }]));
  t.equal(res.statusCode, 400);
  t.match(res.json().message, /^apps\[1\]\.sdkappid: 42 is not a declared app/);
  t.equal(app.mock.store.count(SDKAPPID), 1, 'the declared app kept its account');
});

t.test('with a mock token, both routes need it', async (t) => {
  const { app } = build(t, { mockToken: 's3cret' });
  t.equal((await app.inject({ method: 'GET', url: '/__mock/state' })).statusCode, 401);
  t.equal((await putState(app, doc([]))).statusCode, 401);
  const res = await app.inject({ method: 'GET', url: '/__mock/state', headers: { authorization: 'Bearer s3cret' } });
  t.equal(res.statusCode, 200);
});

t.test('the import summary counts every app it brings, one with only deletions too', async (t) => {
  const { app } = build(t);
  const res = await putState(
    app,
    doc([
      { sdkappid: 7, accounts: [standalone('bob')] },
      { sdkappid: 8, accounts: [], deleted: [{ identifier: 'gone', deletedAt: 253402300799 }] },
      { sdkappid: 9, accounts: [] },
    ]),
  );
  t.equal(res.statusCode, 200, res.body);
  t.same(res.json(), { apps: 2, accounts: 1 }, 'app 9 brings nothing');
  t.equal(app.mock.store.deletedAt(8, 'gone'), 253402300799, 'the last second of year 9999 is a deletion time');
  t.same((await getState(app)).apps.map((a) => a.sdkappid), [7, 8]);
});

t.test('a deletion is forgotten once its identifier names an account again, so the export imports', async (t) => {
  const { app } = build(t);
  t.match(await call(t, app, IMPORT, { Identifier: 'back' }), { ErrorCode: 0 });
  t.match(await call(t, app, IMPORT, { Identifier: 'gone' }), { ErrorCode: 0 });
  t.ok(app.mock.store.delete(SDKAPPID, 'back'));
  t.ok(app.mock.store.delete(SDKAPPID, 'gone'));
  const seeded = await app.inject({
    method: 'POST',
    url: '/__mock/accounts',
    payload: { accounts: [{ sdkappid: SDKAPPID, kind: 'standalone', identifier: 'back' }] },
  });
  t.equal(seeded.statusCode, 200, seeded.body);
  t.equal(app.mock.store.deletedAt(SDKAPPID, 'back'), undefined, 'seeding forgets it');
  // A string account deleted in one case and registered again in another.
  t.match(await call(t, app, REGISTER, { Identifier: 'Carol.B', IdentifierType: 3, Password: 'carol-pass1' }), { ErrorCode: 0 });
  t.ok(app.mock.store.delete(SDKAPPID, 'Carol.B'));
  t.match(await call(t, app, REGISTER, { Identifier: 'carol.b', IdentifierType: 3, Password: 'carol-pass1' }), { ErrorCode: 0 });
  t.equal(app.mock.store.deletedAt(SDKAPPID, 'Carol.B'), undefined, 'registering carol.b forgets Carol.B');

  const exported = await getState(app);
  t.same(exported.apps[0]?.deleted, [{ identifier: 'gone', deletedAt: app.mock.store.deletedAt(SDKAPPID, 'gone') }], 'only the identifier still gone');
  const res = await putState(app, exported);
  t.equal(res.statusCode, 200, res.body);
});
