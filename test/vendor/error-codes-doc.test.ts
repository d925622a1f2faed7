import { readFileSync } from 'node:fs';
import t from 'tap';
import { commandPath } from '../../src/tim/command.js';
import { commands } from '../../src/tim/v4/index.js';
import { Errors } from '../../src/tim/errors.js';
import { build, call, IMPORT, knownCodes, REGISTER, SDKAPPID, ADMIN } from '../helper.js';

const table = readFileSync(new URL('../../docs/error-codes.md', import.meta.url), 'utf8');
/** The codes in the first column of the table's rows (`| 60002 | ...`), 0 (OK) aside. */
const documented = [...table.matchAll(/^\| (\d+) \|/gm)].map((m) => Number(m[1])).filter((code) => code !== 0);

t.test('docs/error-codes.md names exactly the codes of the catalogue, each once', async (t) => {
  t.same(documented.length, new Set(documented).size, 'no code has two rows');
  t.same([...documented].sort(), [...knownCodes].sort(), 'the table and src/tim/errors.ts list the same codes');
  t.ok(documented.length >= 49, `the table is not empty by accident (${documented.length} codes)`);
});

t.test('the codes the vendor documents for the envelope and the five commands are all in the catalogue', async (t) => {
  const common = [60002, 60003, 60004, 60005, 60006, 60007, 60008, 60009, 60010, 60011, 60012, 60013, 60014, 60015, 60016, 60017, 60018, 60019, 60020, 60021, 60025];
  const account = [70001, 70002, 70003, 70009, 70013, 70014, 70016, 70020, 70050, 70051, 70107];
  const ownCodes = [40006, 40601, 70169, 70202, 70398, 70399, 70402, 70403, 70404, 70405, 70411, 70418, 70419, 70421, 70425, 70500, 71000];
  for (const code of [...common, ...account, ...ownCodes]) t.ok(knownCodes.has(code), String(code));
});

t.test('each command lists the codes its vendor page documents', async (t) => {
  const own = Object.fromEntries(commands.map((c) => [c.command, new Set(c.codes.own.map((e) => e.code))]));
  const expected: Record<string, number[]> = {
    account_import: [40006, 40601, 70169, 70398, 70399, 70402, 70404],
    multiaccount_import: [70169, 70202, 70398, 70402, 70500],
    account_delete: [70107, 71000],
    register_account_v1: [70402, 70405, 70418, 70419, 70421, 70398],
  };
  for (const [command, codes] of Object.entries(expected)) {
    for (const code of codes) t.ok(own[command]?.has(code), `${command} lists ${code}`);
  }
});

t.test("70003 answers the vendor's public ErrorInfo verbatim, with the pointer to its UserSig page", async (t) => {
  const { app } = build(t, { apps: [{ sdkappid: SDKAPPID, admin: ADMIN, secretKey: 'k' }] });
  const text = 'The UserSig in use is illegal. Please regenerate UserSig through official API. (FYI: https://cloud.tencent.com/document/product/269/32688 )';
  for (const path of [REGISTER, IMPORT]) {
    t.same(await call(t, app, path, { Identifier: 'sig_user', IdentifierType: 3, Password: 'password1' }, { query: { usersig: 'not-a-sig' } }), {
      ActionStatus: 'FAIL',
      ErrorCode: 70003,
      ErrorInfo: text,
    }, path);
  }
});

t.test('an injected code answers with its catalogue meaning, for every new code', async (t) => {
  const { app } = build(t);
  const DELETE = commandPath(commands.find((c) => c.command === 'account_delete') as (typeof commands)[number]);
  const cases = [Errors.ProfileInternal, Errors.BatchServerTimeout, Errors.DeletionDisabled, Errors.SigKeyNotFound, Errors.SigSdkAppIdNotFound, Errors.SigFailedTooOften, Errors.AccountBlocklisted, Errors.AccountLimit];
  for (const entry of cases) {
    const armed = await app.inject({ method: 'POST', url: '/__mock/faults', payload: { errorCode: entry.code, path: DELETE } });
    t.equal(armed.statusCode, 200, armed.body);
    t.same(await call(t, app, DELETE, { DeleteItem: [{ UserID: 'a' }] }), { ActionStatus: 'FAIL', ErrorCode: entry.code, ErrorInfo: entry.info }, String(entry.code));
  }
});
