import t from 'tap';
import { ADMIN, build, call, IMPORT, REGISTER, SDKAPPID } from '../../helper.js';

const ok = { ActionStatus: 'OK', ErrorCode: 0 };
const fail = (code: number) => ({ ActionStatus: 'FAIL', ErrorCode: code });
const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

t.test("the seed's request example succeeds and stores the profile", async (t) => {
  const { app } = build(t);
  t.match(await call(t, app, IMPORT, { Identifier: 'test', Nick: 'test', FaceUrl: 'http://www.qq.com' }), {
    ActionStatus: 'OK',
    ErrorInfo: '',
    ErrorCode: 0,
  });
  t.match(app.mock.store.get(SDKAPPID, 'test'), { identifier: 'test', kind: 'standalone', nick: 'test', faceUrl: 'http://www.qq.com' });
});

t.test('the account is Identifier (seed) or UserID (newer docs)', async (t) => {
  const { app } = build(t);
  t.match(await call(t, app, IMPORT, { UserID: 'by_userid' }), ok, 'UserID alone');
  t.ok(app.mock.store.get(SDKAPPID, 'by_userid'));
  t.match(await call(t, app, IMPORT, { Identifier: 'by_identifier' }), ok, 'Identifier alone');
  t.match(await call(t, app, IMPORT, { UserID: 'both', Identifier: 'both' }), ok, 'both, equal');
  t.match(await call(t, app, IMPORT, { UserID: 'one', Identifier: 'two' }), fail(70402), 'both, different');
  t.notOk(app.mock.store.get(SDKAPPID, 'one'));
  t.notOk(app.mock.store.get(SDKAPPID, 'two'));
  t.match(await call(t, app, IMPORT, { Nick: 'nobody' }), fail(70402), 'neither');
  t.match(await call(t, app, IMPORT, { UserID: null, Identifier: 'x1' }), fail(70402), 'UserID null is not "absent"');
  t.match(await call(t, app, IMPORT, { userid: 'lower' }), fail(70402), 'field names are case-sensitive');
  t.equal(app.mock.store.count(SDKAPPID), 3);
});

t.test('the account is a string of 1 to 32 UTF-8 bytes, else 70402', async (t) => {
  const { app } = build(t);
  const cases: [string, string, number][] = [
    ['1 byte', 'a', 0],
    ['32 ASCII bytes', 'a'.repeat(32), 0],
    ['33 ASCII bytes', 'b'.repeat(33), 70402],
    ['10 three-byte characters + 2 ASCII = 32 bytes', `${'中'.repeat(10)}ab`, 0],
    ['10 three-byte characters + 3 ASCII = 33 bytes', `${'中'.repeat(10)}abc`, 70402],
    ['11 three-byte characters = 33 bytes (only 11 characters)', '中'.repeat(11), 70402],
    ['8 four-byte emoji = 32 bytes', '😀'.repeat(8), 0],
    ['8 emoji + 1 ASCII = 33 bytes', `${'😀'.repeat(8)}x`, 70402],
    ['empty', '', 70402],
  ];
  for (const [name, id, code] of cases) {
    for (const field of ['Identifier', 'UserID']) {
      t.match(await call(t, app, IMPORT, { [field]: id }), code ? fail(code) : ok, `${field}: ${name} (${bytes(id)} bytes)`);
    }
  }
  for (const wrong of [null, 42, true, ['a'], { a: 1 }]) {
    t.match(await call(t, app, IMPORT, { Identifier: wrong }), fail(70402), `Identifier ${JSON.stringify(wrong)}`);
    t.match(await call(t, app, IMPORT, { UserID: wrong }), fail(70402), `UserID ${JSON.stringify(wrong)}`);
  }
  for (const raw of ['[]', '["a"]', '"a"', '1', 'null', 'false']) {
    t.match(await call(t, app, IMPORT, undefined, { raw }), fail(70402), `JSON that is not an object: ${raw}`);
  }
});

t.test('any character is accepted in a standalone identifier, whitespace and control characters included, and kept as sent', async (t) => {
  const { app } = build(t);
  for (const id of [' ', ' alice', 'alice ', 'a b', 'tab\there', 'line\nbreak', '\u0001ctrl', 'nul\u0000in', '\u200bzero-width']) {
    t.match(await call(t, app, IMPORT, { Identifier: id }), ok, JSON.stringify(id));
    t.equal(app.mock.store.get(SDKAPPID, id)?.identifier, id, `${JSON.stringify(id)} is stored exactly`);
  }
  t.notOk(app.mock.store.get(SDKAPPID, 'alice'), 'no trimming: " alice" is not alice');
});

t.test('Nick and FaceUrl: optional strings, empty allowed, at most 500 bytes (40601)', async (t) => {
  const { app } = build(t);
  t.match(await call(t, app, IMPORT, { Identifier: 'u0' }), ok, 'both omitted');
  t.match(await call(t, app, IMPORT, { Identifier: 'u1', Nick: '', FaceUrl: '' }), ok, 'both empty');
  t.match(app.mock.store.get(SDKAPPID, 'u1'), { nick: '', faceUrl: '' });
  const fits = `${'名'.repeat(166)}ab`; // 500 bytes
  const over = `${'名'.repeat(166)}abc`; // 501 bytes
  t.equal(bytes(fits), 500);
  t.equal(bytes(over), 501);
  for (const field of ['Nick', 'FaceUrl']) {
    t.match(await call(t, app, IMPORT, { Identifier: `u_${field}`, [field]: 'x'.repeat(500) }), ok, `${field} of 500 ASCII bytes`);
    t.match(await call(t, app, IMPORT, { Identifier: `u_${field}`, [field]: 'x'.repeat(501) }), fail(40601), `${field} of 501 ASCII bytes`);
    t.match(await call(t, app, IMPORT, { Identifier: `u_${field}`, [field]: fits }), ok, `${field} of 500 multi-byte bytes`);
    t.match(await call(t, app, IMPORT, { Identifier: `u_${field}`, [field]: over }), fail(40601), `${field} of 501 multi-byte bytes`);
    t.equal(app.mock.store.get(SDKAPPID, `u_${field}`)?.[field === 'Nick' ? 'nick' : 'faceUrl'], fits, `a refused ${field} changes nothing`);
    for (const wrong of [null, 1, true, ['x'], { x: 1 }]) {
      t.match(await call(t, app, IMPORT, { Identifier: 'u_wrong', [field]: wrong }), fail(70402), `${field} ${JSON.stringify(wrong)}`);
    }
  }
  t.notOk(app.mock.store.get(SDKAPPID, 'u_wrong'), 'no account was made by a refused call');
});

t.test('Type: optional, 0 or 1; anything else 70402', async (t) => {
  const { app } = build(t);
  t.match(await call(t, app, IMPORT, { Identifier: 't0', Type: 0 }), ok);
  t.match(await call(t, app, IMPORT, { Identifier: 't1', Type: 1 }), ok);
  t.equal(app.mock.store.get(SDKAPPID, 't1')?.type, 1);
  for (const value of [2, -1, 0.5, '1', '0', null, true, [1]]) {
    t.match(await call(t, app, IMPORT, { Identifier: 'tx', Type: value }), fail(70402), `Type ${JSON.stringify(value)}`);
  }
  t.notOk(app.mock.store.get(SDKAPPID, 'tx'));
});

t.test('importing again is OK: it updates Nick, FaceUrl and Type and keeps omitted fields', async (t) => {
  const { app, clock } = build(t);
  t.match(await call(t, app, IMPORT, { Identifier: 'again', Nick: 'first', FaceUrl: 'http://a/1.png', Type: 1 }), ok);
  const created = app.mock.store.get(SDKAPPID, 'again')?.createdAt;
  clock.advance(5000);
  t.match(await call(t, app, IMPORT, { Identifier: 'again', Nick: 'second' }), ok);
  t.match(app.mock.store.get(SDKAPPID, 'again'), { nick: 'second', faceUrl: 'http://a/1.png', type: 1, createdAt: created });
  t.not(app.mock.store.get(SDKAPPID, 'again')?.updatedAt, created, 'updatedAt moves');
  t.match(await call(t, app, IMPORT, { UserID: 'again', FaceUrl: '', Type: 0 }), ok);
  t.match(app.mock.store.get(SDKAPPID, 'again'), { nick: 'second', faceUrl: '', type: 0 });
  t.match(await call(t, app, IMPORT, { Identifier: 'again' }), ok, 'nothing but the account');
  t.match(app.mock.store.get(SDKAPPID, 'again'), { nick: 'second', faceUrl: '', type: 0 });
  t.equal(app.mock.store.count(SDKAPPID), 1);
});

t.test('standalone identifiers are exact: Bob and bob are two accounts', async (t) => {
  const { app } = build(t);
  t.match(await call(t, app, IMPORT, { Identifier: 'Bob', Nick: 'upper' }), ok);
  t.match(await call(t, app, IMPORT, { Identifier: 'bob', Nick: 'lower' }), ok);
  t.equal(app.mock.store.count(SDKAPPID), 2);
  t.equal(app.mock.store.get(SDKAPPID, 'Bob')?.nick, 'upper');
});

t.test('the caller must be the app admin (70403)', async (t) => {
  const { app } = build(t);
  t.match(await call(t, app, IMPORT, { Identifier: 'x' }, { query: { identifier: 'x' } }), fail(70403));
  t.match(await call(t, app, IMPORT, { Identifier: 'x' }, { query: { identifier: ` ${ADMIN}` } }), fail(70403));
  t.match(await call(t, app, IMPORT, { Identifier: 'x' }, { query: { identifier: ADMIN.toUpperCase() } }), fail(70403), 'the admin name is exact');
  t.match(await call(t, app, IMPORT, { Identifier: 'x' }, { query: { identifier: 'Administrator' } }), fail(70403), 'in every letter');
  t.equal(app.mock.store.count(), 0);
});

t.test('an invalid or undeclared sdkappid is 60006', async (t) => {
  const { app } = build(t);
  t.match(await call(t, app, IMPORT, { Identifier: 'x' }, { query: { sdkappid: 'abc' } }), fail(60006));
  const { app: declared } = build(t, { apps: [{ sdkappid: SDKAPPID, admin: ADMIN, secretKey: 'k' }] });
  t.match(await call(t, declared, IMPORT, { Identifier: 'x' }, { query: { sdkappid: String(SDKAPPID + 1) } }), fail(60006));
});

t.test('register_account_v1 sees what account_import made, per app', async (t) => {
  const { app } = build(t);
  const register = (id: string, sdkappid: string) =>
    call(t, app, REGISTER, { Identifier: id, IdentifierType: 3, Password: 'password1' }, { query: { sdkappid } });
  t.match(await call(t, app, IMPORT, { Identifier: 'shared1' }), ok);
  t.match(await call(t, app, IMPORT, { Identifier: 'shared1' }, { query: { sdkappid: '1400000009' } }), ok);
  t.match(await register('shared1', String(SDKAPPID)), fail(70402), 'the string account of the same letters exists');
  t.match(await register('SHARED1', String(SDKAPPID)), fail(70402), 'in any letter case');
  t.match(await register('shared1', '1400000009'), fail(70402), 'in the other app too');
  t.match(await register('shared1', '1400000010'), ok, 'an app that imported nothing has no such account');
  t.equal(app.mock.store.get(SDKAPPID, 'shared1')?.kind, 'standalone', 'the imported account is unchanged');
  t.equal(app.mock.store.count(SDKAPPID), 1);
  t.equal(app.mock.store.count(1400000009), 1);
  t.equal(app.mock.store.count(1400000010), 1);
});
