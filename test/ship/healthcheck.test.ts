import { once } from 'node:events';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import t, { type Test } from 'tap';
import { startMockServer } from '../../src/in-process.js';
import { freePort, spawnNode } from './child.js';

const SCRIPT = fileURLToPath(new URL('../../src/cli/healthcheck.ts', import.meta.url));
const TIMEOUT_MS = 2000;

/** Runs the health check as Docker does, as a process of its own, with the container's environment. */
async function healthcheck(env: NodeJS.ProcessEnv): Promise<{ code: number | null; exitedAt: number; stderr: string }> {
  const { stderr, exited } = spawnNode([SCRIPT], { HOST: '', PORT: '', ...env });
  const { code, at } = await exited;
  return { code, exitedAt: at, stderr: stderr() };
}

async function listening(t: Test, server: Server | ReturnType<typeof createHttpServer>): Promise<number> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => sockets.add(socket));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.teardown(() => {
    for (const socket of sockets) socket.destroy();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return (server.address() as AddressInfo).port;
}

t.test('exits 0 against a live emulator, on the PORT it was given', async (t) => {
  const server = await startMockServer();
  t.teardown(() => server.close());
  const { code, stderr } = await healthcheck({ PORT: String(server.port) });
  t.equal(code, 0, stderr);
});

t.test('HOST=0.0.0.0, as in the image, is reached over the loopback', async (t) => {
  const server = await startMockServer({ host: '0.0.0.0' });
  t.teardown(() => server.close());
  const { code, stderr } = await healthcheck({ HOST: '0.0.0.0', PORT: String(server.port) });
  t.equal(code, 0, stderr);
});

t.test('exits 1 at once against a dead port', async (t) => {
  const port = await freePort();
  const { code, stderr } = await healthcheck({ PORT: String(port) });
  t.equal(code, 1);
  // The refusal is the reason given, not the timeout's: it did not wait (a bound in ms would flake on a loaded host).
  t.match(stderr, /ECONNREFUSED/);
  t.notMatch(stderr, 'no answer within', 'no wait for the timeout');
});

t.test('exits 1 within its timeout against a server that never answers', async (t) => {
  let connectedAt = 0;
  const port = await listening(t, createServer(() => (connectedAt = Date.now())));
  const { code, exitedAt, stderr } = await healthcheck({ PORT: String(port) });
  const waited = exitedAt - connectedAt;
  t.equal(code, 1);
  t.match(stderr, `no answer within ${TIMEOUT_MS} ms`);
  t.ok(connectedAt > 0 && waited >= TIMEOUT_MS - 50 && waited < TIMEOUT_MS + 1000, `gave up ${waited} ms after connecting`);
});

t.test('exits 1 when /health answers anything but 200', async (t) => {
  const port = await listening(t, createHttpServer((_req, res) => res.writeHead(503).end()));
  const { code, stderr } = await healthcheck({ PORT: String(port) });
  t.equal(code, 1);
  t.match(stderr, 'answered HTTP 503');
});

t.test('exits 1 with a reason on a PORT that is not one', async (t) => {
  const { code, stderr } = await healthcheck({ PORT: 'eighty' });
  t.equal(code, 1);
  t.match(stderr, /PORT must be a whole number/);
});
