import fc from 'fast-check';
import t from 'tap';
import { build, call, IMPORT, REGISTER } from '../helper.js';
import { numRuns } from './runs.js';

/**
 * A reference model of the seed pages' field rules, written from the pages rather than from
 * src/: register_account_v1 takes an Identifier of 4-24 characters, an IdentifierType of 1, 2
 * or 3 and a Password of 8-16 characters; a string account (type 3) is a-z, 0-9, '.' and '_'
 * ignoring case, not all digits, and names the same account in any letter case.
 * account_import takes an account of at most 32 bytes (UTF-8) and at least one.
 */
const characters = (s: string): number => [...s].length;
const STRING_ACCOUNT = /^[a-zA-Z0-9._]+$/;

type Expected = { code: number } | { codeIn: number[] };

function expectedRegister(body: { Identifier: string; IdentifierType: number; Password: string }, taken: Set<string>): Expected {
  const { Identifier: id, IdentifierType: type, Password: password } = body;
  const length = characters(id);
  if (length < 4 || length > 24) return { code: 70419 };
  if (type !== 1 && type !== 2 && type !== 3) return { code: 70418 };
  const pwLength = characters(password);
  if (pwLength < 8 || pwLength > 16) return { code: 70418 };
  if (type === 3) {
    if (!STRING_ACCOUNT.test(id) || /^[0-9]+$/.test(id)) return { code: 70421 };
    return { code: taken.has(id.toLowerCase()) ? 70402 : 0 };
  }
  // Phone and email shapes are the emulator's reading (docs/differences.md); the seed
  // only names them, so the model holds the emulator to "accepted, refused as the wrong
  // type, or already there".
  return { codeIn: [0, 70421, 70402] };
}

/** Characters that sit on the rules' edges: allowed, upper case, digits, and 2-, 3- and 4-byte UTF-8. */
const unit = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...'abcxyz019._') },
  { weight: 2, arbitrary: fc.constantFrom(...'ABZ') },
  { weight: 1, arbitrary: fc.constantFrom('-', '@', ' ', '+', '/', '\u0000', 'é', 'ß', '中', '文', '😀', '𝄞') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
);
const around = (max: number) => fc.string({ unit, minLength: 0, maxLength: max });

t.test('register_account_v1 follows the seed rules for Identifier, IdentifierType and Password', async (t) => {
  const { app } = build(t, { rateLimit: 0 });
  const taken = new Set<string>();
  await fc.assert(
    fc.asyncProperty(
      around(27),
      fc.oneof({ weight: 8, arbitrary: fc.constant(3) }, { weight: 2, arbitrary: fc.constantFrom(0, 1, 2, 4, -1) }),
      around(19),
      async (Identifier, IdentifierType, Password) => {
        const body = { Identifier, IdentifierType, Password };
        const expected = expectedRegister(body, taken);
        const reply = await call(t, app, REGISTER, body);
        if ('code' in expected) t.equal(reply.ErrorCode, expected.code, JSON.stringify(body));
        else t.ok(expected.codeIn.includes(reply.ErrorCode), `${JSON.stringify(body)} -> ${reply.ErrorCode}`);
        if (reply.ErrorCode === 0 && IdentifierType === 3) taken.add(Identifier.toLowerCase());
      },
    ),
    { numRuns: numRuns(100) },
  );
});

t.test('a string account registered once is taken in every letter case', async (t) => {
  const { app } = build(t, { rateLimit: 0 });
  const stringAccount = fc
    .string({ unit: fc.constantFrom(...'abcdefxyz0189._'), minLength: 4, maxLength: 24 })
    .filter((s) => !/^[0-9]+$/.test(s));
  let run = 0;
  await fc.assert(
    fc.asyncProperty(stringAccount, fc.array(fc.boolean(), { minLength: 24, maxLength: 24 }), async (id, upper) => {
      // A fresh zero-config app per run, so earlier runs cannot have taken the account.
      const query = { sdkappid: String(1500000000 + run++) };
      const variant = [...id].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join('');
      const first = await call(t, app, REGISTER, { Identifier: id, IdentifierType: 3, Password: 'password1' }, { query });
      const again = await call(t, app, REGISTER, { Identifier: variant, IdentifierType: 3, Password: 'password2' }, { query });
      t.equal(first.ErrorCode, 0, id);
      t.equal(again.ErrorCode, 70402, `${variant} after ${id}`);
    }),
    { numRuns: numRuns(60) },
  );
});

t.test('account_import takes 1 to 32 UTF-8 bytes, whatever the characters', async (t) => {
  const { app } = build(t, { rateLimit: 0 });
  await fc.assert(
    fc.asyncProperty(around(34), fc.constantFrom('Identifier', 'UserID'), async (id, field) => {
      const bytes = Buffer.byteLength(id, 'utf8');
      const reply = await call(t, app, IMPORT, { [field]: id });
      t.equal(reply.ErrorCode, bytes >= 1 && bytes <= 32 ? 0 : 70402, `${JSON.stringify(id)} (${bytes} bytes)`);
    }),
    { numRuns: numRuns(100) },
  );
});
