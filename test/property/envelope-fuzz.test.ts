import { inflateSync } from 'node:zlib';
import fc from 'fast-check';
import t, { type Test } from 'tap';
import type { FastifyInstance } from 'fastify';
import { Errors } from '../../src/tim/errors.js';
import { officialUserSig } from '../../bench/usersig.js';
import { ADMIN, assertVendorShaped, build, call, envelope, IMPORT, knownCodes, REGISTER, SDKAPPID } from '../helper.js';
import { numRuns } from './runs.js';

/**
 * Whatever a client sends to a vendor path, the answer is HTTP 200, vendor-shaped, with a code
 * from the catalogue, and never the "unexpected error" code (that would be a crash caught late).
 */
const PATHS = [REGISTER, IMPORT, '/v4/im_open_login_svc/no_such_command', '/v4/x'];
const SECRET = 'fuzz-secret-key';

const documentOf = (usersig: string): string | undefined => {
  try {
    const b64 = usersig.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '=');
    return inflateSync(Buffer.from(b64, 'base64')).toString('utf8');
  } catch {
    return undefined;
  }
};

function checkReply(t: Test, reply: { ErrorCode: number }, what: string): void {
  t.ok(knownCodes.has(reply.ErrorCode) || reply.ErrorCode === 0, `${what}: ${reply.ErrorCode} is in the catalogue`);
  t.not(reply.ErrorCode, Errors.Internal.code, `${what}: no unexpected error`);
}

async function stillServes(t: Test, app: FastifyInstance, query?: Record<string, string>): Promise<void> {
  const reply = await call(t, app, IMPORT, { Identifier: 'after-the-fuzz' }, query ? { query } : {});
  t.equal(reply.ErrorCode, 0, 'the app still imports after the fuzz');
}

const bodies = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v) ?? 'null'),
  fc.string({ unit: 'binary', maxLength: 64 }),
  fc.string({ unit: 'binary-ascii', maxLength: 64 }),
  // Objects with the real field names and arbitrary values reach the field rules.
  fc
    .record(
      {
        Identifier: fc.jsonValue(),
        UserID: fc.jsonValue(),
        IdentifierType: fc.jsonValue(),
        Password: fc.jsonValue(),
        Nick: fc.jsonValue(),
        FaceUrl: fc.jsonValue(),
        Type: fc.jsonValue(),
      },
      { requiredKeys: [] },
    )
    .map((o) => JSON.stringify(o)),
  fc.constantFrom('{"__proto__":{"x":1}}', '{"constructor":{"prototype":{"x":1}}}', '{', '[]', '""', '1e999', '{"Identifier":"\\ud800"}'),
);

const contentTypes = fc.constantFrom(undefined, 'application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data', 'x/y; charset=utf-16');

t.test('arbitrary bodies on any vendor path get a vendor reply with a catalogue code', async (t) => {
  const { app } = build(t, { rateLimit: 0 });
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...PATHS), bodies, contentTypes, async (path, raw, contentType) => {
      const reply = await call(t, app, path, undefined, { raw, headers: contentType ? { 'content-type': contentType } : {} });
      checkReply(t, reply, `${path} ${JSON.stringify(raw)}`);
    }),
    { numRuns: numRuns(100) },
  );
  await stillServes(t, app);
});

const queryValue = fc.oneof(
  fc.constant(undefined),
  fc.string({ unit: 'binary', maxLength: 24 }),
  fc.string({ unit: 'binary-ascii', maxLength: 24 }),
  fc.constantFrom('', '0', '01', '4294967295', '4294967296', '-1', '1e3', ' 1', String(SDKAPPID), ADMIN, 'json', 'JSON'),
);

t.test('arbitrary query parameters get a vendor reply with a catalogue code', async (t) => {
  const { app } = build(t, { rateLimit: 0 });
  const query = fc.record({
    sdkappid: queryValue,
    identifier: queryValue,
    usersig: queryValue,
    random: queryValue,
    contenttype: queryValue,
  });
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...PATHS), query, fc.string({ unit: 'binary-ascii', maxLength: 40 }), async (path, q, tail) => {
      const res = await app.inject({ method: 'POST', url: path, query: envelope(q), payload: '{"Identifier":"fuzz"}' });
      checkReply(t, assertVendorShaped(t, res), `${path} ${JSON.stringify(q)}`);
      // The same call with a raw query string appended: repeated, unencoded and broken parameters.
      const raw = await app.inject({ method: 'POST', url: `${path}?${new URLSearchParams(envelope()).toString()}&${encodeURI(tail)}`, payload: '{}' });
      checkReply(t, assertVendorShaped(t, raw), `${path} ?…&${JSON.stringify(tail)}`);
    }),
    { numRuns: numRuns(100) },
  );
  await stillServes(t, app);
});

t.test('arbitrary usersigs against a declared app never get past verification, nor crash it', async (t) => {
  const { app } = build(t, { rateLimit: 0, apps: [{ sdkappid: SDKAPPID, admin: ADMIN, secretKey: SECRET }] });
  const valid = officialUserSig(SDKAPPID, SECRET, ADMIN, 86400 * 365 * 10);
  // Valid sigs with characters changed, cut or extended, and arbitrary text.
  const usersig = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc.string({ unit: fc.constantFrom(...'ABCDEFabcdef0123456789*-_'), maxLength: 300 }),
    fc.tuple(fc.nat(valid.length - 1), fc.constantFrom(...'AZaz09*-_')).map(([i, c]) => valid.slice(0, i) + c + valid.slice(i + 1)),
    fc.nat(valid.length - 1).map((i) => valid.slice(0, i)),
  );
  await fc.assert(
    fc.asyncProperty(usersig, fc.constantFrom(REGISTER, IMPORT), async (sig, path) => {
      const reply = await call(t, app, path, { Identifier: 'fuzzsig1', IdentifierType: 3, Password: 'password1' }, { query: { usersig: sig } });
      checkReply(t, reply, `usersig ${JSON.stringify(sig)}`);
      // Base64 is lenient (padding may go, a last character's unused bits may change), so a
      // sig passes exactly when it carries the real sig's signed document.
      if (reply.ErrorCode === 0) t.equal(documentOf(sig), documentOf(valid), 'only the real signed document passes');
    }),
    { numRuns: numRuns(100) },
  );
  await stillServes(t, app, { usersig: valid });
});
