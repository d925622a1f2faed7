import t from 'tap';
import { ADMIN, build, call, IMPORT, REGISTER, SDKAPPID } from '../../helper.js';

const ok = { ActionStatus: 'OK', ErrorCode: 0 };
const fail = (code: number) => ({ ActionStatus: 'FAIL', ErrorCode: code });
const reg = (Identifier: unknown, IdentifierType: unknown = 3, Password: unknown = 'password1') => ({ Identifier, IdentifierType, Password });

t.test("the seed's request example succeeds", async (t) => {
  const { app } = build(t);
  t.match(await call(t, app, REGISTER, { Identifier: 'testaccount1', IdentifierType: 3, Password: 'pas122333' }), {
    ActionStatus: 'OK',
    ErrorInfo: '',
    ErrorCode: 0,
  });
});

t.test('Identifier is 4 to 24 characters (70419), counted as characters, not bytes or UTF-16 units', async (t) => {
  const { app } = build(t);
  const cases: [string, number, unknown, number][] = [
    ['3 ASCII characters', 3, reg('abc'), 70419],
    ['4 ASCII characters', 4, reg('abcd'), 0],
    ['24 ASCII characters', 24, reg('a'.repeat(24)), 0],
    ['25 ASCII characters', 25, reg('b'.repeat(25)), 70419],
    // Three-byte characters: 4 of them pass the length rule (and then fail the type rule, 70421).
    ['3 characters, 9 bytes', 3, reg('用户名'), 70419],
    ['4 characters, 12 bytes', 4, reg('用户名称'), 70421],
    // An email of three-byte characters: the length rule passes or fails on characters alone.
    ['24 characters, 64 bytes', 24, reg(`${'用'.repeat(10)}@${'例'.repeat(10)}.国家`, 2), 0],
    ['25 characters, 67 bytes', 25, reg(`${'用'.repeat(11)}@${'例'.repeat(10)}.国家`, 2), 70419],
    // Surrogate pairs: 24 emoji are 48 UTF-16 units but 24 characters, so they pass the length
    // rule and fail the type rule (70421) instead.
    ['24 emoji', 24, reg('😀'.repeat(24)), 70421],
    ['25 emoji', 25, reg('😀'.repeat(25)), 70419],
  ];
  for (const [name, length, body, code] of cases) {
    t.equal([...(body as { Identifier: string }).Identifier].length, length, `${name}: the case has the length it claims`);
    t.match(await call(t, app, REGISTER, body), code === 0 ? ok : fail(code), name);
  }
});

t.test('Password is 8 to 16 characters (70418), counted as characters', async (t) => {
  const { app } = build(t);
  const cases: [string, string, number][] = [
    ['7 characters', 'p'.repeat(7), 70418],
    ['8 characters', 'p'.repeat(8), 0],
    ['16 characters', 'p'.repeat(16), 0],
    ['17 characters', 'p'.repeat(17), 70418],
    ['7 three-byte characters', '密'.repeat(7), 70418],
    ['8 three-byte characters (24 bytes)', '密'.repeat(8), 0],
    ['16 emoji (32 UTF-16 units)', '🔑'.repeat(16), 0],
    ['17 emoji', '🔑'.repeat(17), 70418],
    ['empty', '', 70418],
  ];
  let n = 0;
  for (const [name, password, code] of cases) {
    t.match(await call(t, app, REGISTER, reg(`user${n++}`, 3, password)), code === 0 ? ok : fail(code), name);
  }
});

t.test('IdentifierType is exactly the integer 1, 2 or 3; anything else is 70418 (no coercion)', async (t) => {
  const { app } = build(t);
  t.match(await call(t, app, REGISTER, reg('86-13800138000', 1)), ok, '1: phone');
  t.match(await call(t, app, REGISTER, reg('alice@example.com', 2)), ok, '2: email');
  t.match(await call(t, app, REGISTER, reg('alice', 3)), ok, '3: string account');
  for (const value of [0, 4, -1, '3', 3.5, null, true, [3], { type: 3 }]) {
    t.match(await call(t, app, REGISTER, reg('bob_1', value)), fail(70418), `IdentifierType ${JSON.stringify(value)}`);
  }
  t.match(await call(t, app, REGISTER, { Identifier: 'bob_1', Password: 'password1' }), fail(70418), 'IdentifierType missing');
  // JSON has one number type: 3.0 and 3e0 are the number 3 (a row of docs/differences.md).
  const written: [string, string][] = [['carol_30', '3.0'], ['carol_3e0', '3e0'], ['86-13900139000', '1.0'], ['carol@example.com', '2.00']];
  for (const [id, type] of written) {
    const raw = `{"Identifier":"${id}","IdentifierType":${type},"Password":"password1"}`;
    t.match(await call(t, app, REGISTER, undefined, { raw }), ok, `IdentifierType ${type}`);
    t.equal(app.mock.store.get(SDKAPPID, id)?.identifierType, Number(type), `${id} is stored with type ${Number(type)}`);
  }
});

t.test('a missing field or a field of the wrong JSON type is 70418', async (t) => {
  const { app } = build(t);
  const full = reg('carol', 3, 'password1');
  for (const field of ['Identifier', 'IdentifierType', 'Password'] as const) {
    const { [field]: _left, ...rest } = full;
    t.match(await call(t, app, REGISTER, rest), fail(70418), `${field} missing`);
    for (const wrong of [null, 12345678, true, ['carol'], { v: 'carol' }]) {
      if (field === 'IdentifierType' && typeof wrong === 'number') continue;
      t.match(await call(t, app, REGISTER, { ...full, [field]: wrong }), fail(70418), `${field} = ${JSON.stringify(wrong)}`);
    }
  }
  t.match(await call(t, app, REGISTER, {}), fail(70418), 'an empty object');
  for (const raw of ['[]', '"carol"', '42', 'null', 'true']) {
    t.match(await call(t, app, REGISTER, undefined, { raw }), fail(70418), `JSON that is not an object: ${raw}`);
  }
  t.match(await call(t, app, REGISTER, full), ok, 'nothing was created by the refused calls');
});

t.test('IdentifierType 1: a phone number as countrycode-number', async (t) => {
  const { app } = build(t);
  const cases: [string, number][] = [
    ['86-13800138000', 0],
    ['1-2025550123', 0],
    ['852-91234567', 0],
    ['13800138000', 70421],
    ['+86-13800138000', 70421],
    ['86 13800138000', 70421],
    ['86-1380013800a', 70421],
    ['086-13800138000', 70421],
    ['86--13800138000', 70421],
    ['alice@example.com', 70421],
    ['alice', 70421],
    // Country code: 1 to 4 digits, not starting with 0.
    ['1234-5678', 0],
    ['12345-5678', 70421],
    ['0-12345678', 70421],
    // Number: 4 to 15 digits (a leading 0 is a digit like any other).
    ['86-123', 70421],
    ['86-1234', 0],
    ['86-0123456', 0],
    [`86-${'1'.repeat(15)}`, 0],
    [`86-${'1'.repeat(16)}`, 70421],
    [`1234-${'9'.repeat(15)}`, 0],
    [`12345-${'9'.repeat(15)}`, 70421],
    // The hyphen is required, once, between the two.
    ['8613800138000', 70421],
    ['8613800138000-', 70421],
    ['-8613800138000', 70421],
    ['86-138-00138000', 70421],
  ];
  for (const [id, code] of cases) t.match(await call(t, app, REGISTER, reg(id, 1)), code ? fail(code) : ok, `${id} (${id.length} characters)`);
  t.match(await call(t, app, REGISTER, reg('86-', 1)), fail(70419), 'a country code and a hyphen alone: too short, checked first');
});

t.test('IdentifierType 2: an email address', async (t) => {
  const { app } = build(t);
  const cases: [string, number][] = [
    ['alice@example.com', 0],
    ['a.b_c+d@mail.example.cn', 0],
    ['a@b.c', 0],
    ['alice@example', 70421],
    ['alice.example.com', 70421],
    ['al ice@example.com', 70421],
    ['alice@@example.com', 70421],
    ['@example.com', 70421],
    ['alice@.com', 70421],
    ['86-13800138000', 70421],
    ['alice_1', 70421],
  ];
  for (const [id, code] of cases) t.match(await call(t, app, REGISTER, reg(id, 2)), code ? fail(code) : ok, id);
});

t.test("IdentifierType 3: a-z, 0-9, '.', '_', not all digits, ignoring case", async (t) => {
  const { app } = build(t);
  const cases: [string, number][] = [
    ['alice', 0],
    ['a.b_c', 0],
    ['Bob.Smith_2', 0],
    ['1234a', 0],
    ['...._', 0],
    ['1234', 70421],
    ['123456789012', 70421],
    ['ali-ce', 70421],
    ['ali ce', 70421],
    ['alice@example.com', 70421],
    ['86-13800138000', 70421],
    ['ålice', 70421],
    ['用户名称', 70421],
  ];
  for (const [id, code] of cases) t.match(await call(t, app, REGISTER, reg(id, 3)), code ? fail(code) : ok, id);
});

t.test('an account that already exists is 70402; string accounts ignore case', async (t) => {
  const { app } = build(t);
  t.match(await call(t, app, REGISTER, reg('Alice')), ok);
  t.match(await call(t, app, REGISTER, reg('Alice')), fail(70402), 'the same identifier');
  t.match(await call(t, app, REGISTER, reg('alice', 3, 'another-pass')), fail(70402), 'alice is Alice');
  t.match(await call(t, app, REGISTER, reg('ALICE')), fail(70402), 'ALICE is Alice');
  t.match(await call(t, app, REGISTER, reg('alice@example.com', 2)), ok);
  t.match(await call(t, app, REGISTER, reg('alice@example.com', 2)), fail(70402), 'the same email');
  t.match(await call(t, app, REGISTER, reg('86-13800138000', 1)), ok);
  t.match(await call(t, app, REGISTER, reg('86-13800138000', 1)), fail(70402), 'the same phone');
  t.equal(app.mock.store.count(SDKAPPID), 3);
  t.equal(app.mock.store.get(SDKAPPID, 'aLiCe')?.identifier, 'Alice', 'the account keeps the case it was registered with');
});

t.test('the caller must be the app admin (70425)', async (t) => {
  const { app } = build(t);
  t.match(await call(t, app, REGISTER, reg('dave'), { query: { identifier: 'someone' } }), fail(70425));
  t.match(await call(t, app, REGISTER, reg('dave'), { query: { identifier: `${ADMIN}x` } }), fail(70425));
  t.match(await call(t, app, REGISTER, reg('dave'), { query: { identifier: ADMIN.toUpperCase() } }), fail(70425), 'the admin name is exact');
  t.equal(app.mock.store.count(), 0, 'nothing was created');
  const { app: custom } = build(t, { admin: 'boss' });
  t.match(await call(t, custom, REGISTER, reg('dave'), { query: { identifier: ADMIN } }), fail(70425), 'the configured admin replaces administrator');
  t.match(await call(t, custom, REGISTER, reg('dave'), { query: { identifier: 'boss' } }), ok);
});

t.test('an invalid or undeclared sdkappid is 70411', async (t) => {
  const { app } = build(t);
  t.match(await call(t, app, REGISTER, reg('erin'), { query: { sdkappid: 'abc' } }), fail(70411));
  const { app: declared } = build(t, { apps: [{ sdkappid: SDKAPPID, admin: ADMIN, secretKey: 'k' }] });
  t.match(await call(t, declared, REGISTER, reg('erin'), { query: { sdkappid: String(SDKAPPID + 1) } }), fail(70411));
});

t.test('register_account_v1 and account_import share one namespace per sdkappid', async (t) => {
  const { app } = build(t);
  t.match(await call(t, app, REGISTER, reg('frank')), ok);
  t.match(await call(t, app, REGISTER, reg('frank'), { query: { sdkappid: '1400000002' } }), ok, 'another app is another namespace');
  t.match(await call(t, app, IMPORT, { Identifier: 'grace' }), ok);
  t.match(await call(t, app, REGISTER, reg('grace')), fail(70402), 'imported, then registered: exists');
  t.match(await call(t, app, REGISTER, reg('grace'), { query: { sdkappid: '1400000002' } }), ok, 'but not in another app');
  t.match(await call(t, app, IMPORT, { Identifier: 'Henry.J' }), ok);
  t.match(await call(t, app, REGISTER, reg('henry.j')), fail(70402), 'a string account folds case against an imported one too');
  t.match(await call(t, app, IMPORT, { Identifier: 'frank', Nick: 'Frank' }), ok, 'importing a registered account is OK');
  t.equal(app.mock.store.get(SDKAPPID, 'frank')?.nick, 'Frank', 'and sets its profile');
  t.match(await call(t, app, IMPORT, { Identifier: 'FRANK', Nick: 'F' }), ok);
  t.equal(app.mock.store.get(SDKAPPID, 'frank')?.nick, 'F', 'a hosted string account is found in any case');
  t.equal(app.mock.store.count(SDKAPPID), 3);
  t.equal(app.mock.store.count(1400000002), 2);
});
