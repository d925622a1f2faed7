import t, { type Test } from 'tap';
import { LINGER_BYTES } from '../../src/transport/lingering-close.js';
import { startMockServer } from '../../src/in-process.js';
import { startCli } from '../ship/child.js';
import { assertVendorShaped, envelope, IMPORT } from '../helper.js';
import { RawClient, requestHead } from './raw-http.js';

const QUERY = new URLSearchParams(envelope()).toString();
const MiB = 1024 * 1024;

/** Uploads `size` bytes with fetch; the reply's ErrorCode, or how the upload failed. */
async function upload(url: string, size: number): Promise<string> {
  try {
    const res = await fetch(`${url}${IMPORT}?${QUERY}`, { method: 'POST', body: Buffer.alloc(size, 'a') });
    return String(((await res.json()) as { ErrorCode: number }).ErrorCode);
  } catch (error) {
    return `lost (${String((error as { cause?: { code?: string } }).cause?.code ?? error)})`;
  }
}

const tally = (results: string[]): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const r of results) counts[r] = (counts[r] ?? 0) + 1;
  return counts;
};

// The emulator in a process of its own, as users run it: in the test's own process the client
// and the server share one event loop, and the race that loses replies does not happen.
t.test("every oversized upload gets its 60008 reply through Node's fetch", async (t) => {
  const cli = await startCli(['--rate-limit', '0']);
  t.teardown(() => {
    cli.process.kill('SIGKILL');
  });
  const justOver: string[] = [];
  for (let i = 0; i < 50; i++) justOver.push(await upload(cli.url, MiB + 1));
  t.same(tally(justOver), { 60008: 50 }, '50 uploads of 1 MiB + 1 byte');
  const large: string[] = [];
  for (let i = 0; i < 12; i++) large.push(await upload(cli.url, 16 * MiB));
  t.same(tally(large), { 60008: 12 }, '12 uploads of 16 MiB');
  const together = await Promise.all(Array.from({ length: 4 }, () => upload(cli.url, 16 * MiB)));
  t.same(tally(together), { 60008: 4 }, '4 uploads of 16 MiB at once');
  t.equal(await upload(cli.url, 10), '60003', 'and the next client is served (10 bytes are not JSON)');
});

/** Streams a chunked body past `limit` until the server closes; returns the bytes written. */
async function streamUntilClosed(client: RawClient, offered: number): Promise<number> {
  await client.write(requestHead(`${IMPORT}?${QUERY}`, { 'Transfer-Encoding': 'chunked' }));
  const chunk = Buffer.alloc(64 * 1024, 'a');
  const frame = Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]);
  let sent = 0;
  while (sent < offered && (await client.write(frame))) sent += frame.length;
  return sent;
}

async function server(t: Test, requestTimeout?: number) {
  const s = await startMockServer({ rateLimit: 0, bodyLimit: 64 * 1024, ...(requestTimeout !== undefined && { requestTimeout }) });
  t.teardown(() => s.close());
  return s;
}

t.test('after the reply, at most LINGER_BYTES more are read before the connection is closed', async (t) => {
  const { port } = await server(t);
  const client = new RawClient(port, { allowHalfOpen: true });
  const OFFERED = LINGER_BYTES * 4;
  const sent = await streamUntilClosed(client, OFFERED);
  t.equal(assertVendorShaped(t, await client.reply).ErrorCode, 60008);
  await client.closed;
  t.ok(sent >= LINGER_BYTES, `the server read on after its reply (${sent} bytes were written)`);
  // The slack is what the sockets of both sides buffer.
  t.ok(sent <= LINGER_BYTES + 32 * MiB, `and closed once LINGER_BYTES were discarded (${sent} of ${OFFERED} written)`);
});

t.test('a client that neither sends nor closes after the reply is closed at the time bound', async (t) => {
  const { port, app } = await server(t, 300);
  // Seen from the server: the client, half-open, would learn of the close only by writing.
  const serverClosed = new Promise<void>((resolve) => app.server.once('connection', (socket) => socket.once('close', () => resolve())));
  const client = new RawClient(port, { allowHalfOpen: true });
  t.teardown(() => client.socket.destroy());
  await client.write(requestHead(`${IMPORT}?${QUERY}`, { 'Content-Length': 128 * 1024 }));
  await client.write(Buffer.alloc(100 * 1024, 'a'));
  t.equal(assertVendorShaped(t, await client.reply).ErrorCode, 60008);
  t.ok(await client.write(Buffer.alloc(1024, 'a')), 'the server still takes bytes after its reply');
  await serverClosed;
  t.equal(client.socket.writableEnded, false, 'the client never ended its side: the server closed at the bound');
});

t.test('a client that announced more than LINGER_BYTES is closed at once after the reply', async (t) => {
  const { port } = await server(t);
  const client = new RawClient(port);
  await client.write(requestHead(`${IMPORT}?${QUERY}`, { 'Content-Length': LINGER_BYTES + 1 }));
  t.equal(assertVendorShaped(t, await client.reply).ErrorCode, 60008);
  await client.closed;
  t.pass('closed without waiting for the time bound (the test would time out)');
});
