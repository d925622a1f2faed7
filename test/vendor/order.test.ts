import t from 'tap';
import { ADMIN, build, call, IMPORT, REGISTER, SDKAPPID } from '../helper.js';
import { userSig } from './sig.js';
import { checkOrder, errorCodesDescription } from '../../src/tim/check-order.js';
import { commands } from '../../src/tim/v4/index.js';

// Order of checks: URL parameters, UserSig, rate limit, body JSON, admin, fields, state. Each
// test breaks two adjacent checks at once and expects the earlier one's code.
const KEY = 'order-secret-key';
const apps = [{ sdkappid: SDKAPPID, admin: ADMIN, secretKey: KEY }];
const T0 = Date.UTC(2026, 0, 1) / 1000;
const fail = (code: number) => ({ ActionStatus: 'FAIL', ErrorCode: code });
const ok = { ActionStatus: 'OK', ErrorCode: 0 };
const goodSig = userSig(SDKAPPID, KEY, ADMIN, 86400, T0);
const registerBody = (Identifier: string) => ({ Identifier, IdentifierType: 3, Password: 'password1' });

t.test('URL parameters before UserSig', async (t) => {
  const { app } = build(t, { apps });
  t.match(await call(t, app, IMPORT, { Identifier: 'a' }, { query: { random: 'bad', usersig: 'garbage' } }), fail(60002));
  t.match(await call(t, app, REGISTER, registerBody('abcd'), { query: { sdkappid: '1400000009', usersig: 'garbage' } }), fail(70411));
  t.match(await call(t, app, IMPORT, { Identifier: 'a' }, { query: { contenttype: 'xml', usersig: userSig(SDKAPPID, 'wrong', ADMIN, 60, T0) } }), fail(60002));
});

t.test('UserSig before the rate limit (and a refused sig takes no token)', async (t) => {
  const { app } = build(t, { apps, rateLimit: 1 });
  t.match(await call(t, app, IMPORT, { Identifier: 'a' }, { query: { usersig: 'garbage' } }), fail(70003));
  t.match(await call(t, app, IMPORT, { Identifier: 'a' }, { query: { usersig: goodSig } }), ok, 'the one token was still there');
  t.match(await call(t, app, IMPORT, { Identifier: 'b' }, { query: { usersig: 'garbage' } }), fail(70003), 'bucket empty, sig bad: 70003');
  t.match(await call(t, app, IMPORT, { Identifier: 'b' }, { query: { usersig: goodSig } }), fail(60007));
});

t.test('the rate limit before the body JSON (and before the body limit)', async (t) => {
  const { app } = build(t, { rateLimit: 1, bodyLimit: 1024 });
  t.match(await call(t, app, REGISTER, registerBody('first')), ok);
  t.match(await call(t, app, REGISTER, undefined, { raw: '{not json' }), fail(60007));
  t.match(await call(t, app, REGISTER, undefined, { raw: '' }), fail(60007));
  t.match(await call(t, app, REGISTER, undefined, { raw: 'x'.repeat(4096) }), fail(60007));
});

t.test('URL parameters before the body limit', async (t) => {
  const { app } = build(t, { bodyLimit: 1024 });
  t.match(await call(t, app, IMPORT, undefined, { raw: 'x'.repeat(4096), query: { sdkappid: undefined } }), fail(60012));
});

t.test('the body JSON before the admin check', async (t) => {
  const { app } = build(t);
  t.match(await call(t, app, REGISTER, undefined, { raw: '{', query: { identifier: 'not-admin' } }), fail(60003));
  t.match(await call(t, app, IMPORT, undefined, { raw: '', query: { identifier: 'not-admin' } }), fail(60003));
  t.match(await call(t, app, REGISTER, undefined, { raw: '[]', query: { identifier: 'not-admin' } }), fail(70418), 'JSON that is not an object is part of the body check');
  t.match(await call(t, app, IMPORT, undefined, { raw: '[]', query: { identifier: 'not-admin' } }), fail(70402));
});

t.test('the admin check before the fields', async (t) => {
  const { app } = build(t);
  t.match(await call(t, app, REGISTER, { Identifier: 'ab' }, { query: { identifier: 'not-admin' } }), fail(70425));
  t.match(await call(t, app, IMPORT, { Identifier: '' }, { query: { identifier: 'not-admin' } }), fail(70403));
  t.match(await call(t, app, IMPORT, { Identifier: 'a', Nick: 'x'.repeat(501) }, { query: { identifier: 'not-admin' } }), fail(70403));
});

t.test('the fields before the state', async (t) => {
  const { app } = build(t);
  t.match(await call(t, app, REGISTER, registerBody('taken')), ok);
  t.match(await call(t, app, REGISTER, { Identifier: 'taken', IdentifierType: 3, Password: 'short' }), fail(70418), 'exists, bad password: 70418');
  t.match(await call(t, app, REGISTER, { Identifier: 'taken', IdentifierType: 1, Password: 'password1' }), fail(70421), 'exists, wrong type: 70421');
  t.match(await call(t, app, REGISTER, registerBody('taken')), fail(70402), 'exists, fields fine: 70402');
  t.match(await call(t, app, IMPORT, { Identifier: 'taken', Nick: 'kept' }), ok);
  t.match(await call(t, app, IMPORT, { Identifier: 'taken', Nick: 'x'.repeat(501) }), fail(40601));
  t.match(await call(t, app, IMPORT, { Identifier: 'taken', Nick: 'lost', Type: 2 }), fail(70402));
  t.equal(app.mock.store.get(SDKAPPID, 'taken')?.nick, 'kept', 'refused calls leave the account as it was');
});

t.test('within the fields of register_account_v1: types, Identifier length, IdentifierType, Password, Identifier form', async (t) => {
  const { app } = build(t);
  t.match(await call(t, app, REGISTER, { Identifier: 'ab', IdentifierType: 3 }), fail(70418), 'a missing field first');
  t.match(await call(t, app, REGISTER, { Identifier: 'ab', IdentifierType: 9, Password: 'x' }), fail(70419), 'then the Identifier length');
  t.match(await call(t, app, REGISTER, { Identifier: 'a-b-c', IdentifierType: 9, Password: 'x' }), fail(70418), 'then IdentifierType');
  t.match(await call(t, app, REGISTER, { Identifier: 'a-b-c', IdentifierType: 3, Password: 'x' }), fail(70418), 'then Password');
  t.match(await call(t, app, REGISTER, { Identifier: 'a-b-c', IdentifierType: 3, Password: 'password1' }), fail(70421), 'then the form');
});

t.test('within the fields of account_import: the account, Type, Nick/FaceUrl types, then their sizes', async (t) => {
  const { app } = build(t);
  t.match(await call(t, app, IMPORT, { Identifier: '', Nick: 'x'.repeat(501) }), fail(70402));
  t.match(await call(t, app, IMPORT, { Identifier: 'a', Type: 5, Nick: 'x'.repeat(501) }), fail(70402));
  t.match(await call(t, app, IMPORT, { Identifier: 'a', Nick: 'x'.repeat(501), FaceUrl: 7 }), fail(70402));
  t.match(await call(t, app, IMPORT, { Identifier: 'a', Nick: 'x'.repeat(501), FaceUrl: 'y'.repeat(501) }), fail(40601));
});

t.test('the order of checks is stated once, as data, and the OpenAPI descriptions follow it', async (t) => {
  const names = ['method and path', 'URL parameters', 'UserSig', 'rate limit', 'body', 'admin', 'fields', 'state'];
  t.same(checkOrder.map((step) => step.check), names);
  for (const { codes, command } of commands) {
    const description = errorCodesDescription(codes);
    t.match(description, `Checks, in order: ${names.slice(1).join(', ')}; the first that fails answers.`, command);
    const listed = [...description.matchAll(/^- (\d+): /gm)].map((m) => Number(m[1]));
    const expected = [...new Set(checkOrder.slice(1).flatMap((step) => step.codes(codes).map((e) => e.code)))];
    t.same(listed, expected, `${command}: codes in the order of the checks`);
  }
});
