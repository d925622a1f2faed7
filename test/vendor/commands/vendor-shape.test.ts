import t from 'tap';
import { startMockServer } from '../../../src/in-process.js';
import { assertVendorShaped, build, call, envelope, IMPORT, REGISTER, type CallOptions } from '../../helper.js';

// [name, body, options, register_account_v1's code, account_import's code]; an unknown command is 60009 whatever is sent.
const malformed: [string, unknown, CallOptions, number, number][] = [
  ['no body', undefined, {}, 60003, 60003],
  ['empty body', undefined, { raw: '' }, 60003, 60003],
  ['whitespace', undefined, { raw: '   ' }, 60003, 60003],
  ['binary', undefined, { raw: Buffer.from([0, 1, 2, 0xff, 0xfe, 0x80]) }, 60003, 60003],
  ['huge', undefined, { raw: '{"Identifier":"' + 'a'.repeat(2 * 1024 * 1024) + '"}' }, 60008, 60008],
  ['deeply nested', undefined, { raw: '['.repeat(5000) + ']'.repeat(5000) }, 70418, 70402],
  ['a JSON string', 'just a string', {}, 70418, 70402],
  ['a JSON number', 12, {}, 70418, 70402],
  ['a JSON array', [{ Identifier: 'a' }], {}, 70418, 70402],
  ['null', null, {}, 70418, 70402],
  // account_import: UserID {} and Identifier 1 name different accounts.
  ['wrong types', { Identifier: 1, IdentifierType: 'x', Password: [], UserID: {}, Nick: 5, FaceUrl: false, Type: '1' }, {}, 70418, 70402],
  // 1e400 is serialized as null; IdentifierType 1e308 is not 1, 2 or 3, Type null is not 0 or 1.
  // 1e400 is Infinity, which JSON.stringify sends as null: a number too big to keep.
  // eslint-disable-next-line @typescript-eslint/no-loss-of-precision
  ['huge numbers', { Identifier: 'abcd', IdentifierType: 1e308, Password: 'password1', Type: 1e400 }, {}, 70418, 70402],
  // A body that is not UTF-8 is not JSON text (rather than an account with U+FFFD in its name).
  ['invalid UTF-8 in a string', undefined, { raw: Buffer.concat([Buffer.from('{"Identifier":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]) }, 60003, 60003],
  // 3 characters: too short for a hosted account (70419), a fine standalone one.
  ['NUL in a string', { Identifier: 'a\u0000b', IdentifierType: 3, Password: 'password1' }, {}, 70419, 0],
  ['__proto__', undefined, { raw: '{"__proto__":{"x":1},"constructor":{"prototype":{"y":1}}}' }, 70418, 70402],
  ['GET', undefined, { method: 'GET' }, 60008, 60008],
  ['PUT', { Identifier: 'a' }, { method: 'PUT' }, 60008, 60008],
  ['DELETE', undefined, { method: 'DELETE' }, 60008, 60008],
  ['OPTIONS', undefined, { method: 'OPTIONS' }, 60008, 60008],
  ['PATCH', { Identifier: 'a' }, { method: 'PATCH' }, 60008, 60008],
  ['no URL parameters', { Identifier: 'a' }, { query: { sdkappid: undefined, identifier: undefined, usersig: undefined, random: undefined, contenttype: undefined } }, 60012, 60012],
  ['odd URL parameters', { Identifier: 'a' }, { query: { sdkappid: '%%%', random: '∞', contenttype: '<xml>' } }, 70411, 60006],
  ['odd Content-Type', { Identifier: 'a' }, { headers: { 'content-type': 'multipart/form-data; boundary=' } }, 70418, 0],
  ['Content-Encoding gzip on plain text', { Identifier: 'a' }, { headers: { 'content-encoding': 'gzip' } }, 70418, 0],
];

t.test('malformed requests all get a vendor reply with the code their first failing check gives', async (t) => {
  const { app } = build(t);
  for (const [name, body, opts, registerCode, importCode] of malformed) {
    t.equal((await call(t, app, REGISTER, body, opts)).ErrorCode, registerCode, `register_account_v1, ${name}`);
    t.equal((await call(t, app, IMPORT, body, opts)).ErrorCode, importCode, `account_import, ${name}`);
    t.equal((await call(t, app, '/v4/im_open_login_svc/unknown', body, opts)).ErrorCode, 60009, `an unknown command, ${name}`);
  }
  t.equal(({} as Record<string, unknown>).x, undefined, 'nothing polluted');
});

t.test('over real HTTP: a chunked body over the limit, then a normal call on the same server', async (t) => {
  const server = await startMockServer({ port: 0, bodyLimit: 4096 });
  t.teardown(() => server.close());
  const url = `${server.url}${IMPORT}?${new URLSearchParams(envelope())}`;
  const asResponse = async (res: Response) => ({ statusCode: res.status, headers: { 'content-type': res.headers.get('content-type') }, body: await res.text() });
  const chunks = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < 64; i++) controller.enqueue(new Uint8Array(1024).fill(0x61));
      controller.close();
    },
  });
  const huge = await fetch(url, { method: 'POST', body: chunks, duplex: 'half' } as RequestInit);
  t.match(assertVendorShaped(t, await asResponse(huge)), { ErrorCode: 60008 });
  const next = await fetch(url, { method: 'POST', body: JSON.stringify({ Identifier: 'after_huge' }) });
  t.match(assertVendorShaped(t, await asResponse(next)), { ErrorCode: 0 }, 'the server goes on serving');
  t.ok(server.app.mock.store.get(1400000001, 'after_huge'));
});
