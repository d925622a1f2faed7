import { deflateSync } from 'node:zlib';
import t from 'tap';
import { ADMIN, build, call, IMPORT, REGISTER, SDKAPPID } from '../helper.js';
import { userSig } from './sig.js';
import { UserSigVerifier } from '../../src/tim/usersig.js';

const KEY = 'app-secret-key-0123456789abcdef';
const OTHER_APP = 1400000002;
const OTHER_KEY = 'other-app-secret-key';
const apps = [
  { sdkappid: SDKAPPID, admin: ADMIN, secretKey: KEY },
  { sdkappid: OTHER_APP, admin: ADMIN, secretKey: OTHER_KEY },
];
const fail = (code: number) => ({ ActionStatus: 'FAIL', ErrorCode: code });
const ok = { ActionStatus: 'OK', ErrorCode: 0 };
const T0 = Date.UTC(2026, 0, 1) / 1000;
const DAY = 86400;

const escape = (b64: string) => b64.replace(/\+/g, '*').replace(/\//g, '-').replace(/=/g, '_');
const packed = (doc: unknown) => escape(deflateSync(Buffer.from(JSON.stringify(doc))).toString('base64'));

t.test('a sig made by tls-sig-api-v2 with the app key passes, on both endpoints', async (t) => {
  const { app } = build(t, { apps });
  const usersig = userSig(SDKAPPID, KEY, ADMIN, 180 * DAY, T0);
  t.match(await call(t, app, REGISTER, { Identifier: 'sig_ok', IdentifierType: 3, Password: 'password1' }, { query: { usersig } }), ok);
  t.match(await call(t, app, IMPORT, { Identifier: 'sig_ok2' }, { query: { usersig } }), ok);
  t.match(await call(t, app, IMPORT, { Identifier: 'sig_ok3' }, { query: { usersig } }), ok, 'again, from the cache');
  const other = userSig(OTHER_APP, OTHER_KEY, ADMIN, DAY, T0);
  t.match(await call(t, app, IMPORT, { Identifier: 'sig_ok' }, { query: { usersig: other, sdkappid: String(OTHER_APP) } }), ok, "the other app's sig on the other app");
});

t.test('a sig that cannot be decoded is 70003', async (t) => {
  const { app } = build(t, { apps });
  const valid = userSig(SDKAPPID, KEY, ADMIN, DAY, T0);
  const garbage = [
    'any-sig',
    'x',
    '!!!!',
    valid.slice(0, 20),
    `${valid.slice(0, -8)}AAAAAAAA`,
    Buffer.from('{"TLS.ver":"2.0"}').toString('base64'),
    packed('not an object'),
    packed(null),
    packed({ 'TLS.ver': '1.0', 'TLS.identifier': ADMIN, 'TLS.sdkappid': SDKAPPID, 'TLS.time': T0, 'TLS.expire': DAY, 'TLS.sig': 'x' }),
    packed({ 'TLS.ver': '2.0', 'TLS.identifier': ADMIN, 'TLS.sdkappid': String(SDKAPPID), 'TLS.time': T0, 'TLS.expire': DAY, 'TLS.sig': 'x' }),
    packed({ 'TLS.ver': '2.0', 'TLS.identifier': ADMIN, 'TLS.sdkappid': SDKAPPID, 'TLS.time': T0, 'TLS.expire': DAY }),
    packed({ 'TLS.ver': '2.0', 'TLS.identifier': ADMIN, 'TLS.sdkappid': SDKAPPID, 'TLS.time': -1, 'TLS.expire': DAY, 'TLS.sig': 'x' }),
    escape(deflateSync(Buffer.alloc(1024 * 1024, 0x20)).toString('base64')),
  ];
  for (const usersig of garbage) {
    for (const path of [REGISTER, IMPORT]) {
      t.match(await call(t, app, path, { Identifier: 'nope' }, { query: { usersig } }), fail(70003), `${path}: ${usersig.slice(0, 24)}`);
    }
  }
  t.equal(app.mock.store.count(), 0);
});

t.test('a v1 UserSig (ECDSA, tls-sig-api before v2) is 70003: only v2 (HMAC-SHA256) is verified', async (t) => {
  const { app } = build(t, { apps });
  // The fields tls-sig-api v1 packs (strings, TLS.version instead of TLS.ver, an ECDSA DER signature).
  const v1 = packed({
    'TLS.account_type': '0',
    'TLS.identifier': ADMIN,
    'TLS.appid_at_3rd': '0',
    'TLS.sdk_appid': String(SDKAPPID),
    'TLS.expire_after': String(DAY),
    'TLS.version': '201512300000',
    'TLS.time': String(T0),
    'TLS.sig': 'MEUCIQDbOcR0DRrvVUt+2Pu8ybgNE5bv/8D0cERsTKZfQwtWswIgUfUjkqeh3fBPnkNrFNeFnyzwHUBB6WrRudh/2KyTyaY=',
  });
  for (const path of [REGISTER, IMPORT]) {
    t.match(await call(t, app, path, { Identifier: 'v1_user', IdentifierType: 3, Password: 'password1' }, { query: { usersig: v1 } }), fail(70003), path);
  }
  t.equal(app.mock.store.count(), 0);
});

t.test('a sig signed with another key is 70009', async (t) => {
  const { app } = build(t, { apps });
  t.match(await call(t, app, IMPORT, { Identifier: 'x' }, { query: { usersig: userSig(SDKAPPID, OTHER_KEY, ADMIN, DAY, T0) } }), fail(70009));
  t.match(await call(t, app, REGISTER, { Identifier: 'x' }, { query: { usersig: userSig(SDKAPPID, `${KEY}x`, ADMIN, DAY, T0) } }), fail(70009));
  const forged = packed({ 'TLS.ver': '2.0', 'TLS.identifier': ADMIN, 'TLS.sdkappid': SDKAPPID, 'TLS.time': T0, 'TLS.expire': DAY, 'TLS.sig': 'AAAA' });
  t.match(await call(t, app, IMPORT, { Identifier: 'x' }, { query: { usersig: forged } }), fail(70009), 'a well-formed doc with a made-up HMAC');
  const reply = await call(t, app, IMPORT, { Identifier: 'x' }, { query: { usersig: forged } });
  t.match(reply.ErrorInfo, /UserSig verification Failed/, "the vendor's 70009 text");
});

t.test('a sig for another identifier is 70013, even after it was verified for its own', async (t) => {
  const { app } = build(t, { apps });
  const forBob = userSig(SDKAPPID, KEY, 'bob', DAY, T0);
  t.match(await call(t, app, IMPORT, { Identifier: 'x' }, { query: { usersig: forBob } }), fail(70013), 'admin presenting bob\'s sig');
  t.match(await call(t, app, IMPORT, { Identifier: 'x' }, { query: { usersig: forBob, identifier: 'bob' } }), fail(70403), "bob's own sig gets him to the admin check");
  t.match(await call(t, app, IMPORT, { Identifier: 'x' }, { query: { usersig: forBob } }), fail(70013), 'and is still not the admin\'s once cached');
  const forAdmin = userSig(SDKAPPID, KEY, ADMIN, DAY, T0);
  t.match(await call(t, app, IMPORT, { Identifier: 'x' }, { query: { usersig: forAdmin } }), ok);
  t.match(await call(t, app, IMPORT, { Identifier: 'x' }, { query: { usersig: forAdmin, identifier: 'bob' } }), fail(70013), 'a cached admin sig is not bob\'s');
});

t.test('a sig for another sdkappid is 70014', async (t) => {
  const { app } = build(t, { apps });
  t.match(await call(t, app, IMPORT, { Identifier: 'x' }, { query: { usersig: userSig(OTHER_APP, KEY, ADMIN, DAY, T0) } }), fail(70014), 'same key, other sdkappid');
  t.match(await call(t, app, REGISTER, { Identifier: 'x' }, { query: { usersig: userSig(OTHER_APP, OTHER_KEY, ADMIN, DAY, T0) } }), fail(70014), "the other app's own sig");
  const cached = userSig(OTHER_APP, OTHER_KEY, ADMIN, DAY, T0);
  t.match(await call(t, app, IMPORT, { Identifier: 'x' }, { query: { usersig: cached, sdkappid: String(OTHER_APP) } }), ok, 'verified on its own app');
  t.match(await call(t, app, IMPORT, { Identifier: 'x' }, { query: { usersig: cached } }), fail(70014), 'and still refused on this one');
});

t.test('a sig is valid through time + expire and expired (70001) from the next second', async (t) => {
  const { app, clock } = build(t, { apps });
  const expire = 3600;
  const usersig = userSig(SDKAPPID, KEY, ADMIN, expire, T0);
  const fresh = userSig(SDKAPPID, KEY, ADMIN, expire, T0 + 1);
  const at = (s: number) => clock.set(s * 1000);

  at(T0 + expire);
  t.match(await call(t, app, IMPORT, { Identifier: 'e1' }, { query: { usersig } }), ok, 'the last valid second, verified and cached');
  clock.set((T0 + expire) * 1000 + 999);
  t.match(await call(t, app, IMPORT, { Identifier: 'e1' }, { query: { usersig } }), ok, 'its last millisecond, from the cache');
  at(T0 + expire + 1);
  t.match(await call(t, app, IMPORT, { Identifier: 'e1' }, { query: { usersig } }), fail(70001), 'the first expired second, though cached');
  t.match(await call(t, app, REGISTER, { Identifier: 'e1' }, { query: { usersig } }), fail(70001), 'on both endpoints');
  t.match(await call(t, app, IMPORT, { Identifier: 'e1' }, { query: { usersig: fresh } }), ok, 'a sig made a second later is still valid');
  at(T0 + expire + 2);
  t.match(await call(t, app, IMPORT, { Identifier: 'e1' }, { query: { usersig: fresh } }), fail(70001), 'until its own second passes');

  const uncached = userSig(SDKAPPID, KEY, ADMIN, expire, T0 - 10);
  at(T0 - 10 + expire + 1);
  t.match(await call(t, app, IMPORT, { Identifier: 'e2' }, { query: { usersig: uncached } }), fail(70001), 'the first expired second, never seen before');
  at(T0 - 10 + expire);
  t.match(await call(t, app, IMPORT, { Identifier: 'e2' }, { query: { usersig: uncached } }), ok, 'the clock set back: valid again');

  const zero = userSig(SDKAPPID, KEY, ADMIN, 0, T0);
  at(T0);
  t.match(await call(t, app, IMPORT, { Identifier: 'e3' }, { query: { usersig: zero } }), ok, 'expire 0: valid in its own second');
  at(T0 + 1);
  t.match(await call(t, app, IMPORT, { Identifier: 'e3' }, { query: { usersig: zero } }), fail(70001), 'expire 0: expired the second after');
});

t.test('the UserSig is checked in declared mode only; zero-config accepts any non-empty usersig', async (t) => {
  const { app } = build(t);
  for (const usersig of ['x', 'any-sig', userSig(SDKAPPID, KEY, 'someone-else', 1, 0), '💥']) {
    t.match(await call(t, app, IMPORT, { Identifier: 'z1' }, { query: { usersig } }), ok, usersig.slice(0, 20));
  }
  t.match(await call(t, app, IMPORT, { Identifier: 'z1' }, { query: { usersig: '' } }), fail(60004));
});

t.test('in declared mode, an empty or missing usersig is still 60004 (before any UserSig check)', async (t) => {
  const { app } = build(t, { apps });
  t.match(await call(t, app, IMPORT, { Identifier: 'x' }, { query: { usersig: '' } }), fail(60004));
  t.match(await call(t, app, REGISTER, { Identifier: 'x' }, { query: { usersig: undefined } }), fail(60004));
});

t.test('a verified sig answers alike from the last one checked and from the cache behind it', async (t) => {
  const verifier = new UserSigVerifier(SDKAPPID, KEY);
  const a = userSig(SDKAPPID, KEY, ADMIN, DAY, T0);
  const b = userSig(SDKAPPID, KEY, ADMIN, 2 * DAY, T0);
  const code = (fn: () => void): number => {
    try {
      fn();
      return 0;
    } catch (error) {
      return (error as { code: number }).code;
    }
  };
  t.equal(code(() => verifier.verify(a, ADMIN, T0)), 0, 'a verified');
  t.equal(code(() => verifier.verify(b, ADMIN, T0)), 0, 'b verified, now the last');
  t.equal(code(() => verifier.verify(a, ADMIN, T0 + DAY)), 0, "a's last valid second, from the cache");
  t.equal(code(() => verifier.verify(a, ADMIN, T0 + DAY + 1)), 70001, 'its first expired second, as the last sig');
  t.equal(code(() => verifier.verify(b, ADMIN, T0 + DAY + 1)), 0, 'b from the cache, still valid');
  t.equal(code(() => verifier.verify(b, 'bob', T0)), 70013, "b as the last sig is not bob's");
  t.equal(code(() => verifier.verify(a, 'bob', T0)), 70013, "a from the cache is not bob's");
  t.equal(code(() => verifier.verify(b, ADMIN, T0 + 2 * DAY + 1)), 70001, 'b expires too');
});

t.test('a valid sig altered outside the sig alphabet, or with bytes after its compressed stream, is 70003', async (t) => {
  const { app } = build(t, { apps });
  const valid = userSig(SDKAPPID, KEY, ADMIN, DAY, T0);
  const bytes = Buffer.from(valid.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '='), 'base64');
  const packedBytes = (b: Buffer) => escape(b.toString('base64'));
  const mid = valid.length >> 1;
  const at = (i: number, s: string) => `${valid.slice(0, i)}${s}${valid.slice(i)}`;
  const variants: Record<string, string> = {
    'junk appended': `${valid}$$$garbage`,
    'a space appended': `${valid} `,
    'a space prepended': ` ${valid}`,
    'a space inserted': at(mid, ' '),
    'spaces inserted': at(10, ' ').replace(/(.{40})/, '$1 '),
    'a tab inserted': at(mid, '\t'),
    'a newline inserted': at(mid, '\n'),
    'CRLF appended': `${valid}\r\n`,
    'a dot appended': `${valid}.`,
    'a tilde inserted': at(mid, '~'),
    'a percent inserted': at(mid, '%'),
    'a NUL inserted': at(mid, '\0'),
    'a non-ASCII letter inserted': at(mid, 'é'),
    "'=' appended": `${valid}=`,
    "'==' appended": `${valid}==`,
    "'=' inserted": at(mid, '='),
    "'+' inserted": at(mid, '+'),
    "'/' inserted": at(mid, '/'),
    'plain base64 (+ / =)': bytes.toString('base64'),
    'base64url (- _ without padding)': bytes.toString('base64url'),
    "'*' turned into '+'": valid.replace(/\*/g, '+'),
    "'-' turned into '/'": valid.replace(/-/g, '/'),
    'padding in the middle': at(mid, '__'),
    'three paddings at the end': `${valid}___`,
    'letters after the padding': `${packedBytes(Buffer.concat([bytes, Buffer.from('x')]))}AAAA`,
    'one byte after the stream': packedBytes(Buffer.concat([bytes, Buffer.from([0])])),
    'a letter after the stream': packedBytes(Buffer.concat([bytes, Buffer.from('x')])),
    'two bytes after the stream': packedBytes(Buffer.concat([bytes, Buffer.from('xy')])),
    'three bytes after the stream': packedBytes(Buffer.concat([bytes, Buffer.from('xyz')])),
    'junk bytes after the stream': packedBytes(Buffer.concat([bytes, Buffer.from('$$$garbage')])),
    'a second deflate stream after it': packedBytes(Buffer.concat([bytes, deflateSync(Buffer.from('{}'))])),
    'the stream twice': packedBytes(Buffer.concat([bytes, bytes])),
    '1 KiB of zeros after the stream': packedBytes(Buffer.concat([bytes, Buffer.alloc(1024)])),
    'the stream cut short by one byte': packedBytes(bytes.subarray(0, -1)),
    'the sig cut short by one character': valid.slice(0, -1).replace(/_+$/, ''),
    'an empty-looking sig of padding': '__',
    'only a star': '*',
    'the valid sig with its URL-escaped form of *': valid.replace(/\*/g, '%2A'),
  };
  t.ok(Object.keys(variants).length >= 38, `${Object.keys(variants).length} variants`);
  for (const [name, usersig] of Object.entries(variants)) {
    t.not(usersig, valid, `${name}: differs from the valid sig`);
    const reply = await call(t, app, IMPORT, { Identifier: 'variant' }, { query: { usersig } });
    t.equal(reply.ErrorCode, 70003, name);
  }
  t.match(await call(t, app, IMPORT, { Identifier: 'variant' }, { query: { usersig: valid } }), ok, 'the sig itself still passes');
});
