import t from 'tap';
import { knownCodes } from '../../../src/envelope/errors.js';
import { startMockServer } from '../../../src/server.js';
import { assertVendorShaped, build, call, envelope, IMPORT, REGISTER, type CallOptions } from '../../helper.js';

const malformed: [string, unknown, CallOptions][] = [
  ['no body', undefined, {}],
  ['empty body', undefined, { raw: '' }],
  ['whitespace', undefined, { raw: '   ' }],
  ['binary', undefined, { raw: Buffer.from([0, 1, 2, 0xff, 0xfe, 0x80]) }],
  ['huge', undefined, { raw: '{"Identifier":"' + 'a'.repeat(2 * 1024 * 1024) + '"}' }],
  ['deeply nested', undefined, { raw: '['.repeat(5000) + ']'.repeat(5000) }],
  ['a JSON string', 'just a string', {}],
  ['a JSON number', 12, {}],
  ['a JSON array', [{ Identifier: 'a' }], {}],
  ['null', null, {}],
  ['wrong types', { Identifier: 1, IdentifierType: 'x', Password: [], UserID: {}, Nick: 5, FaceUrl: false, Type: '1' }, {}],
  ['huge numbers', { Identifier: 'abcd', IdentifierType: 1e308, Password: 'password1', Type: 1e400 }, {}],
  ['invalid UTF-8 in a string', undefined, { raw: Buffer.concat([Buffer.from('{"Identifier":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]) }],
  ['NUL in a string', { Identifier: 'a\u0000b', IdentifierType: 3, Password: 'password1' }, {}],
  ['__proto__', undefined, { raw: '{"__proto__":{"x":1},"constructor":{"prototype":{"y":1}}}' }],
  ['GET', undefined, { method: 'GET' }],
  ['PUT', { Identifier: 'a' }, { method: 'PUT' }],
  ['DELETE', undefined, { method: 'DELETE' }],
  ['OPTIONS', undefined, { method: 'OPTIONS' }],
  ['PATCH', { Identifier: 'a' }, { method: 'PATCH' }],
  ['no URL parameters', { Identifier: 'a' }, { query: { sdkappid: undefined, identifier: undefined, usersig: undefined, random: undefined, contenttype: undefined } }],
  ['odd URL parameters', { Identifier: 'a' }, { query: { sdkappid: '%%%', random: '∞', contenttype: '<xml>' } }],
  ['odd Content-Type', { Identifier: 'a' }, { headers: { 'content-type': 'multipart/form-data; boundary=' } }],
  ['Content-Encoding gzip on plain text', { Identifier: 'a' }, { headers: { 'content-encoding': 'gzip' } }],
];

t.test('malformed requests all get a vendor reply with a catalogued code', async (t) => {
  const { app } = build(t);
  for (const path of [REGISTER, IMPORT, '/v4/im_open_login_svc/unknown']) {
    for (const [name, body, opts] of malformed) {
      const reply = await call(t, app, path, body, opts);
      t.ok(knownCodes.has(reply.ErrorCode) || reply.ErrorCode === 0, `${path}, ${name}: ${reply.ErrorCode} is in the catalogue`);
      t.not(reply.ErrorCode, 70500, `${path}, ${name}: no internal error`);
    }
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
