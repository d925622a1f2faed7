import t from 'tap';
import { JOURNAL_BODY_MAX_BYTES } from '../../src/services/journal/journal.js';
import { build, call, IMPORT } from '../helper.js';

t.test('an entry keeps at most JOURNAL_BODY_MAX_BYTES of body text, so the journal stays bounded', async (t) => {
  const { app } = build(t, { journalSize: 3 });
  // Tiny arrays are the costliest JSON to hold as objects: ~10x their text.
  const big = `{"UserID":"big1","Junk":[${Array.from({ length: 200_000 }, () => '[1]').join(',')}]}`;
  t.ok(Buffer.byteLength(big) > JOURNAL_BODY_MAX_BYTES);
  for (let i = 0; i < 5; i++) t.match(await call(t, app, IMPORT, undefined, { raw: big }), { ErrorCode: 0 });
  const entries = app.mock.journal.list();
  t.equal(entries.length, 3, 'the ring bounds the count');
  for (const entry of entries) {
    t.equal(entry.account, 'big1', 'the account is still recorded');
    t.same(entry.body, { '[not kept]': `a body of ${Buffer.byteLength(big)} bytes; the journal keeps bodies up to ${JOURNAL_BODY_MAX_BYTES}` });
  }
});

t.test('a body at the limit is kept whole, redacted', async (t) => {
  const { app } = build(t);
  const base = { Identifier: 'keep1', IdentifierType: 3, Password: 'secret123' };
  const pad = JOURNAL_BODY_MAX_BYTES - Buffer.byteLength(JSON.stringify({ ...base, Pad: '' }));
  const raw = JSON.stringify({ ...base, Pad: 'x'.repeat(pad) });
  t.equal(Buffer.byteLength(raw), JOURNAL_BODY_MAX_BYTES);
  await call(t, app, '/v4/registration_service/register_account_v1', undefined, { raw });
  const [entry] = app.mock.journal.list();
  t.match(entry?.body, { Identifier: 'keep1', Password: '[redacted]', Pad: 'x'.repeat(pad) });
});

t.test('a secret-named key spelt with \\u escapes is still redacted; a body naming none is kept as sent', async (t) => {
  const { app } = build(t);
  const raw = '{"Identifier":"escape1","IdentifierType":3,"Pass\\u0077ord":"hunter2-escaped"}';
  t.match(await call(t, app, '/v4/registration_service/register_account_v1', undefined, { raw }), { ErrorCode: 0 });
  await call(t, app, IMPORT, undefined, { raw: '{ "UserID" : "plain1", "Nick": "no secrets here" }' });
  const [escaped, plain] = app.mock.journal.list();
  t.same(escaped?.body, { Identifier: 'escape1', IdentifierType: 3, Password: '[redacted]' });
  t.notMatch(JSON.stringify(app.mock.journal.list()), /hunter2-escaped/);
  t.same(plain?.body, { UserID: 'plain1', Nick: 'no secrets here' });
});

t.test('an entry holds the call’s own account list and its duration as hundredths; a listing gets copies', async (t) => {
  const { app } = build(t);
  await call(t, app, IMPORT, { UserID: 'listed1' });
  const long = 'l'.repeat(70);
  await call(t, app, '/v4/im_open_login_svc/multiaccount_import', { Accounts: ['listed2', long] });
  const [first, second] = app.mock.journal.list();
  t.same(first?.accounts, ['listed1']);
  t.equal(first?.account, 'listed1');
  t.same(second?.accounts, ['listed2', `${long.slice(0, 63)}…`], 'a name over 64 units is still cut');
  first?.accounts.push('changed');
  t.same(app.mock.journal.list()[0]?.accounts, ['listed1'], 'changing a listing does not change the journal');
  for (const entry of [first, second]) {
    const duration = entry?.durationMs as number;
    t.ok(Number.isFinite(duration) && duration >= 0, 'a duration in ms');
    t.equal(Math.round(duration * 100) / 100, duration, 'to a hundredth of a ms, as before');
  }
});
