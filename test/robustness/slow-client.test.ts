import t, { type Test } from 'tap';
import { startMockServer } from '../../src/in-process.js';
import { assertVendorShaped, envelope, IMPORT } from '../helper.js';
import { RawClient, requestHead } from './raw-http.js';

/** Short, so the test takes well under a second per case; the default is 10 s. */
const REQUEST_TIMEOUT = 400;
/** Node checks timeouts every REQUEST_TIMEOUT / 4; the rest is slack for a loaded machine. */
const CUT_BY = REQUEST_TIMEOUT * 4;
const PATH = `${IMPORT}?${new URLSearchParams(envelope()).toString()}`;

async function server(t: Test, requestTimeout = REQUEST_TIMEOUT) {
  const s = await startMockServer({ rateLimit: 0, requestTimeout });
  t.teardown(() => s.close());
  return s;
}

/** Sends `data` one byte at a time, every `everyMs`, until the server closes or the data runs out. */
async function drip(client: RawClient, data: string, everyMs: number): Promise<number> {
  let sent = 0;
  for (const byte of data) {
    if (!(await client.write(byte))) break;
    sent++;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  return sent;
}

/** Imports over a fresh connection and returns when the answer had come, on the clients' clock. */
async function timedImport(t: Test, url: string, id: string): Promise<number> {
  const res = await fetch(`${url}${PATH}`, { method: 'POST', body: JSON.stringify({ Identifier: id }), headers: { connection: 'close' } });
  const reply = assertVendorShaped(t, { statusCode: res.status, headers: { 'content-type': res.headers.get('content-type') }, body: await res.text() });
  t.equal(reply.ErrorCode, 0, `${id} imported`);
  return performance.now();
}

t.test('a client sending its body slowly is cut within the request timeout while others are served', async (t) => {
  // Longer than the other cases' timeout, so that a loaded machine still serves others before the cut:
  // what is asserted is the order (answers while the slow client is open), not how fast they came.
  const timeout = REQUEST_TIMEOUT * 4;
  const { port, url } = await server(t, timeout);
  const body = JSON.stringify({ Identifier: 'slow-body', Nick: 'x'.repeat(200) });
  const slow = new RawClient(port);
  await slow.write(requestHead(PATH, { 'Content-Length': Buffer.byteLength(body) }));
  const dripping = drip(slow, body, 20);

  // Other clients are answered while the slow one holds its connection open.
  const answeredAt: number[] = [];
  for (let i = 0; slow.replyAt === undefined && i < 50; i++) answeredAt.push(await timedImport(t, url, `other-${i}`));

  const reply = await slow.reply;
  const closedAt = await slow.closed;
  const sent = await dripping;
  const before = answeredAt.filter((at) => at < slow.startedAt + closedAt).length;
  t.ok(before > 0, `${before} other requests answered before the slow one was cut`);
  t.equal(assertVendorShaped(t, reply).ErrorCode, 60008, 'the slow client gets a vendor-shaped 60008');
  t.ok(sent < body.length, `cut after ${sent} of ${body.length} body bytes`);
  t.ok(closedAt >= timeout * 0.9, `not cut before the timeout (${Math.round(closedAt)} ms)`);
  t.ok(closedAt <= timeout * 4, `cut within ${timeout * 4} ms (${Math.round(closedAt)} ms)`);
  t.equal(slow.socket.destroyed || slow.socket.readableEnded, true, 'the socket is closed');
});

t.test('a client that never finishes its headers is cut within the timeout', async (t) => {
  const { port, url } = await server(t);
  const slow = new RawClient(port);
  const head = requestHead(PATH, { 'Content-Length': 2, 'X-Padding': 'p'.repeat(200) });
  const dripping = drip(slow, head, 20);
  const reply = await slow.reply;
  const closedAt = await slow.closed;
  await dripping;
  t.equal(assertVendorShaped(t, reply).ErrorCode, 60008, 'a vendor-shaped 60008');
  t.ok(closedAt >= REQUEST_TIMEOUT * 0.9 && closedAt <= CUT_BY, `cut at ${Math.round(closedAt)} ms`);
  await timedImport(t, url, 'after-slow-headers');
});

t.test('a connection that sends nothing is closed within the timeout', async (t) => {
  const { port } = await server(t);
  const idle = new RawClient(port);
  const closedAt = await idle.closed;
  t.ok(closedAt <= CUT_BY, `closed at ${Math.round(closedAt)} ms`);
});

t.test('headers over 16 KiB get a vendor-shaped 60002, not a bare 431', async (t) => {
  const { port } = await server(t);
  const client = new RawClient(port);
  await client.write(requestHead(PATH, { 'Content-Length': 2, 'X-Big': 'b'.repeat(17 * 1024) }) + '{}');
  t.equal(assertVendorShaped(t, await client.reply).ErrorCode, 60002);
});

t.test('keep-alive sockets are kept 120 s and the client is told so', async (t) => {
  const { url, app } = await server(t);
  const res = await fetch(`${url}${PATH}`, { method: 'POST', body: '{"Identifier":"keepalive"}' });
  await res.text();
  t.match(res.headers.get('keep-alive'), /timeout=120\b/);
  t.equal(app.server.keepAliveTimeout, 120_000);
  t.equal(app.server.requestTimeout, REQUEST_TIMEOUT);
  t.equal(app.server.headersTimeout, REQUEST_TIMEOUT);
});
