import t from 'tap';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { clip, CLIENT_TEXT_MAX, CUT_MARK } from '../../src/shared/clip.js';
import { JOURNAL_ACCOUNTS_MAX } from '../../src/services/journal/journal.js';
import { ADMIN, build, call, IMPORT, REGISTER } from '../helper.js';

const MULTI = '/v4/im_open_login_svc/multiaccount_import';

t.test('clip: up to 64 UTF-16 units kept whole; longer cut to 64 with the mark, never inside a surrogate pair', async (t) => {
  const at = 'a'.repeat(CLIENT_TEXT_MAX);
  t.equal(clip(at), at, 'the last length kept whole');
  const over = `${at}b`;
  t.equal(clip(over), `${'a'.repeat(CLIENT_TEXT_MAX - 1)}${CUT_MARK}`, 'the first refused length is cut');
  t.equal(clip(over).length, CLIENT_TEXT_MAX);
  // The cut falls between the halves of the emoji: it is cut before it instead.
  const pair = `${'a'.repeat(CLIENT_TEXT_MAX - 2)}😀bb`;
  t.equal(clip(pair), `${'a'.repeat(CLIENT_TEXT_MAX - 2)}${CUT_MARK}`);
  const pairFits = `${'a'.repeat(CLIENT_TEXT_MAX - 3)}😀bb`;
  t.equal(clip(pairFits), `${'a'.repeat(CLIENT_TEXT_MAX - 3)}😀${CUT_MARK}`, 'a whole pair before the cut is kept');
  t.equal(clip('x'.repeat(300), 256).length, 256, 'another bound');
});

t.test('a refused batch naming 110,000 accounts keeps the first 100 names and the full count', async (t) => {
  const { app } = build(t);
  const names = Array.from({ length: 110_000 }, (_, i) => `a${i.toString(36)}`);
  const raw = JSON.stringify({ Accounts: names });
  t.ok(Buffer.byteLength(raw) < 1024 * 1024, 'under the body limit');
  t.match(await call(t, app, MULTI, undefined, { raw }), { ErrorCode: 70402 });
  const [entry] = app.mock.journal.list();
  t.equal(entry?.accounts.length, JOURNAL_ACCOUNTS_MAX);
  t.same(entry?.accounts, names.slice(0, JOURNAL_ACCOUNTS_MAX));
  t.equal(entry?.accountCount, 110_000);
  t.equal(entry?.account, null);
  t.same(app.mock.journal.list({ identifier: names[99] }).length, 1, 'the 100th name is kept');
  t.same(app.mock.journal.list({ identifier: names[100] }).length, 0, 'the 101st is not');

  const hundred = JSON.stringify({ Accounts: names.slice(0, JOURNAL_ACCOUNTS_MAX) });
  t.match(await call(t, app, MULTI, undefined, { raw: hundred }), { ErrorCode: 0 });
  t.match(app.mock.journal.list()[1], { accountCount: 100, accounts: names.slice(0, 100) });
});

t.test('a megabyte identifier: the entry keeps 64 units of it, even with its body not kept', async (t) => {
  const { app } = build(t);
  const id = 'Z'.repeat(1_000_000);
  await call(t, app, REGISTER, { Identifier: id, IdentifierType: 3, Password: 'pass12345' });
  await call(t, app, IMPORT, { UserID: id });
  const entries = app.mock.journal.list();
  t.equal(entries.length, 2);
  for (const entry of entries) {
    t.equal(entry.account, `${'Z'.repeat(CLIENT_TEXT_MAX - 1)}${CUT_MARK}`);
    t.same(entry.accounts, [entry.account]);
    t.equal(entry.accountCount, 1);
    t.match(entry.body, { '[not kept]': /^a body of \d+ bytes/ });
  }
  t.equal(app.mock.journal.list({ identifier: id }).length, 2, 'the whole name finds its cut entries');
  t.ok(JSON.stringify(entries).length < 2000, 'the listing holds no long string');
});

t.test('a megabyte caller and a long path are cut in the entry', async (t) => {
  const { app } = build(t, { bodyLimit: 1024 * 1024 });
  const caller = 'C'.repeat(10_000);
  await call(t, app, IMPORT, { UserID: 'x' }, { query: { identifier: caller } });
  const path = `/v4/im_open_login_svc/${'p'.repeat(10_000)}`;
  await call(t, app, path, {});
  const [byCaller, byPath] = app.mock.journal.list();
  t.equal(byCaller?.caller?.length, CLIENT_TEXT_MAX);
  t.equal(byPath?.caller, ADMIN);
  t.equal(byPath?.path.length, 256);
  t.equal(app.mock.journal.list({ path }).length, 1, 'the whole path finds its cut entry');
});

t.test('a register call with a 1,000,000-character Identifier writes a log line of a few KB at most', async (t) => {
  const lines: string[] = [];
  const { app } = build(t, { logLevel: 'info', logStream: { write: (line: string) => void lines.push(line) } });
  await call(t, app, REGISTER, { Identifier: 'I'.repeat(1_000_000), IdentifierType: 3, Password: 'pass12345' }, { query: { identifier: 'A'.repeat(10_000) } });
  await call(t, app, `/v4/${'q'.repeat(10_000)}`, {});
  // Two request lines, and the once-per-app warning that the caller is not the admin.
  t.equal(lines.length, 3);
  for (const line of lines) t.ok(Buffer.byteLength(line) <= 2048, `a line of ${Buffer.byteLength(line)} bytes`);
  const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  const requests = parsed.filter((line) => line.msg === 'request');
  t.equal(requests.length, 2);
  t.match(requests[0], { account: `${'I'.repeat(CLIENT_TEXT_MAX - 1)}${CUT_MARK}`, caller: `${'A'.repeat(CLIENT_TEXT_MAX - 1)}${CUT_MARK}` });
  t.match(parsed.find((line) => line.msg !== 'request'), { level: 40, caller: `${'A'.repeat(CLIENT_TEXT_MAX - 1)}${CUT_MARK}` });
});

t.test('the names of a refused 110,000-account batch: the heap holds 100 while journalled, none after DELETE', async (t) => {
  const script = fileURLToPath(new URL('batch-retention.ts', import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, [script], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    maxBuffer: 1024 * 1024,
  });
  t.same(JSON.parse(stdout), { journalled: 1, accountCount: 110_000, heldWhileJournalled: JOURNAL_ACCOUNTS_MAX, heldAfterDelete: 0 });
});
