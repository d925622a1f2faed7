import t from 'tap';
import { assertVendorShaped, build, call, envelope, IMPORT, REGISTER, SDKAPPID, ADMIN } from '../helper.js';

const fail = (code: number) => ({ ActionStatus: 'FAIL', ErrorCode: code });
const ok = { ActionStatus: 'OK', ErrorCode: 0 };
const body = { [REGISTER]: { Identifier: 'query_1', IdentifierType: 3, Password: 'password1' }, [IMPORT]: { Identifier: 'query_1' } };
const badSdkAppId = { [REGISTER]: 70411, [IMPORT]: 60006 };
const endpoints = [REGISTER, IMPORT] as const;

t.test('sdkappid missing or empty: 60012', async (t) => {
  const { app } = build(t);
  for (const path of endpoints) {
    t.match(await call(t, app, path, body[path], { query: { sdkappid: undefined } }), fail(60012), `${path}: missing`);
    t.match(await call(t, app, path, body[path], { query: { sdkappid: '' } }), fail(60012), `${path}: empty`);
  }
});

t.test('sdkappid not a positive integer from 1 to 4294967295: 70411 / 60006', async (t) => {
  const { app } = build(t);
  const bad = ['0', '00', '-1', '+1', '01400000001', '1.5', '1e9', '0x10', ' 1400000001', '1400000001 ', 'abc', '4294967296', '99999999999', '１２３'];
  for (const path of endpoints) {
    for (const sdkappid of bad) {
      t.match(await call(t, app, path, body[path], { query: { sdkappid } }), fail(badSdkAppId[path]), `${path}: ${JSON.stringify(sdkappid)}`);
    }
    const repeated = await app.inject({
      method: 'POST',
      url: `${path}?sdkappid=${SDKAPPID}&sdkappid=${SDKAPPID}&identifier=${ADMIN}&usersig=x`,
      payload: JSON.stringify(body[path]),
    });
    t.match(assertVendorShaped(t, repeated), fail(badSdkAppId[path]), `${path}: sdkappid given twice`);
  }
  t.equal(app.mock.store.count(), 0);
  t.match(await call(t, app, IMPORT, body[IMPORT], { query: { sdkappid: '1' } }), ok, 'the smallest sdkappid');
  t.match(await call(t, app, IMPORT, body[IMPORT], { query: { sdkappid: '4294967295' } }), ok, 'the largest sdkappid');
});

t.test('declared mode: an undeclared app is 70411 / 60006, a declared one is served', async (t) => {
  const { app } = build(t, {
    apps: [
      { sdkappid: SDKAPPID, admin: ADMIN, secretKey: 'k1' },
      { sdkappid: 1400000002, admin: ADMIN, secretKey: 'k2' },
    ],
  });
  for (const path of endpoints) {
    for (const sdkappid of ['1400000003', '1', '0', 'x']) {
      t.match(await call(t, app, path, body[path], { query: { sdkappid } }), fail(badSdkAppId[path]), `${path}: ${sdkappid}`);
    }
    t.match(await call(t, app, path, body[path], { query: { sdkappid: undefined } }), fail(60012), `${path}: missing is still 60012`);
  }
  t.equal(app.mock.apps.list().length, 2, 'no app was made on the fly');
});

t.test('zero-config mode: each sdkappid gets its own namespace on first use', async (t) => {
  const { app } = build(t);
  t.equal(app.mock.apps.list().length, 0);
  t.match(await call(t, app, IMPORT, body[IMPORT], { query: { sdkappid: '7' } }), ok);
  t.match(await call(t, app, IMPORT, body[IMPORT], { query: { sdkappid: '8' } }), ok);
  t.same(app.mock.apps.list().map((a) => [a.sdkappid, a.admin]), [[7, ADMIN], [8, ADMIN]]);
});

t.test('identifier or usersig missing or empty: 60004', async (t) => {
  const { app } = build(t);
  for (const path of endpoints) {
    for (const name of ['identifier', 'usersig']) {
      t.match(await call(t, app, path, body[path], { query: { [name]: undefined } }), fail(60004), `${path}: ${name} missing`);
      t.match(await call(t, app, path, body[path], { query: { [name]: '' } }), fail(60004), `${path}: ${name} empty`);
    }
    const repeated = await app.inject({
      method: 'POST',
      url: `${path}?sdkappid=${SDKAPPID}&identifier=${ADMIN}&identifier=${ADMIN}&usersig=x`,
      payload: JSON.stringify(body[path]),
    });
    t.match(assertVendorShaped(t, repeated), fail(60004), `${path}: identifier given twice`);
  }
});

t.test('random: optional; when given, 1 to 32 decimal digits, else 60002', async (t) => {
  const { app, clock } = build(t);
  // A public TypeScript client's value: parseInt(Date.now() + eight random digits), 21 digits.
  const typescriptClient = String(parseInt(`${clock.now()}${'12345678'}`, 10));
  t.equal(typescriptClient.length, 21);
  const accepted = [undefined, '0', '7', '99999999', '4294967295', '4294967296', '12345678901', typescriptClient, '9'.repeat(32), '0'.repeat(32)];
  let n = 0;
  for (const random of accepted) {
    t.match(await call(t, app, IMPORT, { Identifier: `r${n++}` }, { query: { random } }), ok, `random ${random ?? 'missing'}`);
  }
  t.match(await call(t, app, REGISTER, { ...body[REGISTER], Identifier: 'random_21' }, { query: { random: typescriptClient } }), ok, 'register: 21 digits');
  for (const random of ['', '1'.repeat(33), '-1', '+1', 'abc', '12a', '1.5', '1e3', ' 1', '1 ', '０']) {
    t.match(await call(t, app, IMPORT, { Identifier: 'rx' }, { query: { random } }), fail(60002), `random ${JSON.stringify(random)}`);
    t.match(await call(t, app, REGISTER, body[REGISTER], { query: { random } }), fail(60002), `register: random ${JSON.stringify(random)}`);
  }
  t.equal(app.mock.store.count(), accepted.length + 1);
});

t.test('contenttype: optional; when given, exactly json, else 60002', async (t) => {
  const { app } = build(t);
  t.match(await call(t, app, IMPORT, { Identifier: 'c1' }, { query: { contenttype: undefined } }), ok, 'missing');
  t.match(await call(t, app, IMPORT, { Identifier: 'c2' }, { query: { contenttype: 'json' } }), ok, 'json');
  for (const contenttype of ['JSON', 'xml', 'text', '', 'json ']) {
    for (const path of endpoints) {
      t.match(await call(t, app, path, body[path], { query: { contenttype } }), fail(60002), `${path}: ${JSON.stringify(contenttype)}`);
    }
  }
});

t.test('a parameter given twice is malformed, even with the same value twice: 60004 / 60002', async (t) => {
  const { app } = build(t);
  const base = `sdkappid=${SDKAPPID}&identifier=${ADMIN}&usersig=sig`;
  const cases: [string, string, number][] = [
    ['usersig twice', `sdkappid=${SDKAPPID}&identifier=${ADMIN}&usersig=sig&usersig=sig`, 60004],
    ['identifier twice, usersig twice', `sdkappid=${SDKAPPID}&identifier=${ADMIN}&identifier=${ADMIN}&usersig=a&usersig=b`, 60004],
    ['random twice', `${base}&random=1&random=1`, 60002],
    ['contenttype twice', `${base}&contenttype=json&contenttype=json`, 60002],
  ];
  for (const path of endpoints) {
    for (const [name, query, code] of cases) {
      const res = await app.inject({ method: 'POST', url: `${path}?${query}`, payload: JSON.stringify(body[path]) });
      t.match(assertVendorShaped(t, res), fail(code), `${path}: ${name}`);
    }
  }
  t.equal(app.mock.store.count(), 0, 'none was served');
});

t.test('within the URL: sdkappid, then identifier/usersig, then random/contenttype', async (t) => {
  const { app } = build(t);
  t.match(await call(t, app, IMPORT, {}, { query: { sdkappid: undefined, usersig: undefined, random: 'x' } }), fail(60012));
  t.match(await call(t, app, IMPORT, {}, { query: { sdkappid: 'x', usersig: undefined, random: 'x' } }), fail(60006));
  t.match(await call(t, app, IMPORT, {}, { query: { identifier: undefined, random: 'x', contenttype: 'xml' } }), fail(60004));
});

t.test('the envelope helper sends the seed URL parameters', async (t) => {
  t.same(Object.keys(envelope()).sort(), ['contenttype', 'identifier', 'random', 'sdkappid', 'usersig']);
});
