import t, { type Test } from 'tap';
import { startMockServer } from '../../src/in-process.js';
import { assertVendorShaped, envelope, IMPORT } from '../helper.js';
import { RawClient, requestHead } from './raw-http.js';

const LIMIT = 64 * 1024;
const PATH = `${IMPORT}?${new URLSearchParams(envelope()).toString()}`;

async function server(t: Test) {
  const s = await startMockServer({ rateLimit: 0, bodyLimit: LIMIT });
  t.teardown(() => s.close());
  return s;
}

async function importOne(t: Test, url: string, id: string): Promise<number> {
  const res = await fetch(`${url}${IMPORT}?${new URLSearchParams(envelope()).toString()}`, { method: 'POST', body: JSON.stringify({ Identifier: id }) });
  const reply = assertVendorShaped(t, { statusCode: res.status, headers: { 'content-type': res.headers.get('content-type') }, body: await res.text() });
  return reply.ErrorCode;
}

t.test('a body declared over the limit is answered 60008 before a byte of it is sent', async (t) => {
  const { port, url } = await server(t);
  const client = new RawClient(port);
  await client.write(requestHead(PATH, { 'Content-Type': 'application/json', 'Content-Length': 1024 * 1024 * 1024 }));
  const reply = await client.reply;
  t.equal(assertVendorShaped(t, reply).ErrorCode, 60008, 'vendor-shaped request-format error');
  t.equal(reply.headers.connection, 'close', 'the server will not read the rest');
  await client.closed;
  t.equal(await importOne(t, url, 'after-big-declared'), 0, 'the server serves the next client');
});

t.test('a chunked body streamed far past the limit is cut off once it passes the limit', async (t) => {
  const { port, url } = await server(t);
  const client = new RawClient(port);
  await client.write(requestHead(PATH, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' }));
  const OFFERED = 1024 * LIMIT; // 64 MiB, far more than the socket buffers of both sides
  const chunk = Buffer.alloc(16 * 1024, 'a');
  const frame = Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]);
  let sent = 0;
  while (sent < OFFERED && client.replyAt === undefined && (await client.write(frame))) sent += chunk.length;
  const reply = await client.reply;
  t.equal(assertVendorShaped(t, reply).ErrorCode, 60008, 'vendor-shaped request-format error');
  t.equal(reply.headers.connection, 'close', 'answered with Connection: close');
  // Socket buffers on both sides hold a few MiB; the point is that the answer came long
  // before the client was done, so the server never held the body.
  t.ok(sent < OFFERED / 2, `answered after ${sent} of ${OFFERED} bytes were written`);
  await client.closed;
  t.equal(await importOne(t, url, 'after-big-chunked'), 0, 'the server serves the next client');
});

t.test('a body exactly at the limit is read and answered on its merits', async (t) => {
  const { port } = await server(t);
  const prefix = '{"Identifier":"at-the-limit","Nick":"';
  const body = `${prefix}${'n'.repeat(LIMIT - prefix.length - 2)}"}`;
  t.equal(Buffer.byteLength(body), LIMIT);
  const client = new RawClient(port);
  await client.write(requestHead(PATH, { 'Content-Length': LIMIT }) + body);
  // Nick is over 500 bytes: the body was read whole and reached the field rules.
  t.equal(assertVendorShaped(t, await client.reply).ErrorCode, 40601);
  client.socket.destroy();
});
