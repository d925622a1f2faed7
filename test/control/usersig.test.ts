import t from 'tap';
import { decodeUserSig } from '../../src/tim/usersig.js';
import { build, call, IMPORT } from '../helper.js';
import { userSig } from '../vendor/sig.js';
import { json } from './json.js';

const KEY = 'test-secret';
const APPS = [
  { sdkappid: 1400000001, admin: 'administrator', secretKey: KEY },
  { sdkappid: 1400000002, admin: 'ops', secretKey: 'second-key' },
];
const JAN_1_2026 = Date.UTC(2026, 0, 1) / 1000;
const path = (sdkappid: number) => `/__mock/apps/${sdkappid}/usersig`;

t.test("a declared app's admin sig: the official library's sig at the emulator's clock, accepted by /v4", async (t) => {
  const { app } = build(t, { apps: APPS });
  const res = await json(app, 'POST', path(1400000001));
  t.equal(res.status, 200);
  t.same(res.body, {
    sdkappid: 1400000001,
    identifier: 'administrator',
    usersig: userSig(1400000001, KEY, 'administrator', 86400, JAN_1_2026),
    expire: 86400,
    expiresAt: JAN_1_2026 + 86400,
  });
  t.notMatch(res.raw, KEY, 'never the secret key');
  t.match(await call(t, app, IMPORT, { UserID: 'alice01' }, { query: { usersig: res.body.usersig } }), { ErrorCode: 0 });
});

t.test('an identifier and a lifetime may be given; each app signs with its own key and admin', async (t) => {
  const { app, clock } = build(t, { apps: APPS });
  const ops = await json(app, 'POST', path(1400000002), { body: {} });
  t.match(ops.body, { identifier: 'ops', usersig: userSig(1400000002, 'second-key', 'ops', 86400, JAN_1_2026) });
  const bob = await json(app, 'POST', path(1400000001), { body: { identifier: 'bob', expire: 1 } });
  t.same(decodeUserSig(bob.body.usersig as string).identifier, 'bob');
  t.equal(bob.body.usersig, userSig(1400000001, KEY, 'bob', 1, JAN_1_2026));
  // bob is not the admin: the sig is valid (no 70013/70009) and the vendor's admin check refuses him.
  t.match(await call(t, app, IMPORT, { UserID: 'x0000001' }, { query: { identifier: 'bob', usersig: bob.body.usersig } }), { ErrorCode: 70403 });
  const admin = await json(app, 'POST', path(1400000001), { body: { expire: 1 } });
  clock.advance(1000);
  t.match(await call(t, app, IMPORT, { UserID: 'x0000002' }, { query: { usersig: admin.body.usersig } }), { ErrorCode: 0 }, 'valid on its last second');
  clock.advance(1000);
  t.match(await call(t, app, IMPORT, { UserID: 'x0000003' }, { query: { usersig: admin.body.usersig } }), { ErrorCode: 70001 }, 'expired after it');
});

t.test('bad requests: expire out of range, an empty identifier, an unknown field', async (t) => {
  const { app } = build(t, { apps: APPS });
  t.equal((await json(app, 'POST', path(1400000001), { body: { expire: 2147483647 } })).status, 200, 'the largest expire');
  for (const body of [{ expire: 0 }, { expire: 2147483648 }, { expire: 1.5 }, { identifier: '' }, { secretKey: 'x' }]) {
    const res = await json(app, 'POST', path(1400000001), { body });
    t.equal(res.status, 400, JSON.stringify(body));
    t.match(res.body, { statusCode: 400, error: 'Bad Request', message: String });
  }
  t.equal((await json(app, 'POST', '/__mock/apps/0/usersig')).status, 400, 'sdkappid 0');
});

t.test('an app that is not declared, or zero-config mode: 404 saying why', async (t) => {
  const declared = build(t, { apps: APPS }).app;
  const res = await json(declared, 'POST', path(1400000003));
  t.equal(res.status, 404);
  t.match(res.body.message, /app 1400000003 is not declared \(declared: 1400000001, 1400000002\)/);
  const zero = build(t).app;
  const z = await json(zero, 'POST', path(1400000001));
  t.equal(z.status, 404);
  t.match(z.body.message, /zero-config mode.*any non-empty usersig passes/);
});

t.test('it needs the mock token when one is set', async (t) => {
  const { app } = build(t, { apps: APPS, mockToken: 'let-me-in' });
  t.equal((await json(app, 'POST', path(1400000001))).status, 401);
  t.equal((await json(app, 'POST', path(1400000001), { headers: { authorization: 'Bearer let-me-in' } })).status, 200);
});

// The cap is account_import's: "Identifier ... 长度不超过 32 字节" (https://cloud.tencent.com/document/product/269/1608).
t.test('every refused body names its field; an identifier is at most 32 bytes, as an account identifier', async (t) => {
  const { app } = build(t, { apps: APPS });
  const cases: Array<[unknown, RegExp]> = [
    [{ expire: 0 }, /^expire: /],
    [{ expire: 2147483648 }, /^expire: /],
    [{ expire: 'soon' }, /^expire: /],
    [{ identifier: '' }, /^identifier: /],
    [{ identifier: 7 }, /^identifier: /],
    [{ identifier: 'x'.repeat(900_000) }, /^identifier: /],
    [{ identifier: 'é'.repeat(17) }, /^identifier: at most 32 bytes/],
    [{ secretKey: 'x' }, /^secretKey: /],
    [[], /^body: /],
  ];
  for (const [body, message] of cases) {
    const res = await json(app, 'POST', path(1400000001), { body });
    t.equal(res.status, 400, JSON.stringify(body).slice(0, 40));
    t.match(res.body.message, message);
    t.notMatch(res.body.message, /union/i, 'names the field, not the union');
    t.ok(res.raw.length < 300, 'a short reply, never the value echoed');
  }
  const longest = await json(app, 'POST', path(1400000001), { body: { identifier: 'a'.repeat(32) } });
  t.equal(longest.status, 200, '32 bytes is signed');
  t.equal((await json(app, 'POST', path(1400000001), { body: { identifier: 'é'.repeat(16) } })).status, 200, '16 two-byte characters: 32 bytes');
  t.equal((await json(app, 'POST', path(1400000001), { body: { identifier: 'a'.repeat(33) } })).status, 400, '33 bytes is refused');
});
