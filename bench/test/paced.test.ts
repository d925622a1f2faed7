import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import t, { type Test } from 'tap';
import { pacedLoad, type PacedOptions } from '../paced.js';

const OK = '{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}';

/** A stand-in server: `answer` replies to the n-th call (0-based), given its body's identifier. */
async function serve(t: Test, answer: (n: number, identifier: string, res: ServerResponse, req: IncomingMessage) => void): Promise<string> {
  let n = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => answer(n++, (JSON.parse(body) as { Identifier: string }).Identifier, res, req));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** As Fastify answers: with a Content-Length, the body in one write. */
const reply = (res: ServerResponse, body = OK, status = 200, headers: Record<string, string> = {}): void => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(body)), ...headers }).end(body);
};

const options = (url: string, o: Partial<PacedOptions>): PacedOptions => ({
  url,
  query: 'sdkappid=1400000001&identifier=administrator&usersig=x',
  connections: 4,
  rate: 200,
  durationS: 0.1,
  prefix: 'p',
  ...o,
});

t.test('offers rate x duration calls, each importing a new identifier, and counts every OK', async (t) => {
  const seen = new Set<string>();
  const url = await serve(t, (_n, identifier, res) => {
    seen.add(identifier);
    reply(res);
  });
  const result = await pacedLoad(options(url, {}));
  t.equal(result.offered, 20);
  t.equal(result.answered, 20);
  t.equal(result.bad, 0);
  t.ok(result.rps <= 200, 'at most the offered rate answered within the window');
  t.same([...seen].sort(), Array.from({ length: 20 }, (_, i) => `p${i}`).sort());
});

t.test('sends no call before it is due', async (t) => {
  const arrivals = new Map<string, number>();
  const url = await serve(t, (_n, identifier, res) => {
    arrivals.set(identifier, performance.now());
    reply(res);
  });
  const before = performance.now();
  const result = await pacedLoad(options(url, { rate: 100, durationS: 0.2 }));
  t.equal(result.answered, 20);
  // A loaded machine can only make a call later than its due time, never earlier.
  const early = [...arrivals].filter(([identifier, at]) => at < before + Number(identifier.slice(1)) * 10);
  t.same(early, [], 'call i arrives no sooner than i x 10 ms after the start');
});

t.test('reads a reply however it is framed: by its Content-Length split in two writes, or chunked', async (t) => {
  const url = await serve(t, (n, _identifier, res) => {
    if (n % 2 === 0) res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }); // chunked
    else res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(OK.length) });
    res.write(OK.slice(0, 20));
    setTimeout(() => res.end(OK.slice(20)), 5);
  });
  const result = await pacedLoad(options(url, {}));
  t.equal(result.answered, 20);
  t.equal(result.bad, 0);
});

t.test('counts a non-200 status and a reply other than the vendor OK as bad', async (t) => {
  const url = await serve(t, (n, _identifier, res) => {
    if (n === 3) reply(res, OK, 500);
    else if (n === 7) reply(res, '{"ActionStatus":"FAIL","ErrorInfo":"","ErrorCode":70402}');
    else reply(res);
  });
  const result = await pacedLoad(options(url, {}));
  t.equal(result.bad, 2);
  t.equal(result.answered, 18, 'only the OK replies count as answered');
});

t.test('a connection closed under a call loses that call (bad) and is replaced', async (t) => {
  const url = await serve(t, (n, _identifier, res, req) => {
    if (n === 5) req.socket.destroy();
    else reply(res);
  });
  const result = await pacedLoad(options(url, { connections: 1 }));
  t.equal(result.bad, 1);
  t.equal(result.answered, 19, 'the calls after it are answered on a new connection');
});

t.test('a reply with Connection: close ends that connection; the next call goes on a new one', async (t) => {
  // Answers take 15 ms against a call due every 5 ms, so a call is always waiting for the
  // connection when an answer arrives.
  const url = await serve(t, (n, _identifier, res) => {
    setTimeout(() => reply(res, OK, 200, n % 4 === 0 ? { connection: 'close' } : {}), 15);
  });
  const result = await pacedLoad(options(url, { connections: 1 }));
  t.equal(result.answered, 20);
  t.equal(result.bad, 0);
});

t.test('open loop: a call that waits for a busy connection counts its latency from when it was due', async (t) => {
  // One connection, a call due every 10 ms, and the first answer held for 200 ms: calls 1 to 19
  // queue behind it. Measured from their own sending, they would take well under a millisecond.
  const url = await serve(t, (n, _identifier, res) => {
    if (n === 0) setTimeout(() => reply(res), 200);
    else reply(res);
  });
  const result = await pacedLoad(options(url, { connections: 1, rate: 100, durationS: 0.3 }));
  t.equal(result.answered, 30);
  t.ok(result.p50 >= 20, `p50 ${result.p50} ms counts the wait of the queued calls`);
  t.ok(result.p99 >= 190, `p99 ${result.p99} ms is the held call`);
});

t.test('a server that falls behind answers less than the offered rate within the window', async (t) => {
  // One connection and 20 ms per answer: at most ~50 a second against 200 offered.
  const url = await serve(t, (_n, _identifier, res) => {
    setTimeout(() => reply(res), 20);
  });
  const result = await pacedLoad(options(url, { connections: 1, durationS: 0.2 }));
  t.equal(result.answered, 40, 'every call is answered in the end');
  t.ok(result.rps < 0.98 * 200, `${result.rps} a second within the window`);
});

t.test('a server that cannot be reached: every call is bad, at once rather than at the deadline', async (t) => {
  // A port that was free a moment ago, with nothing listening on it.
  const dead = await new Promise<string>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(`http://127.0.0.1:${port}`));
    });
  });
  const before = performance.now();
  const result = await pacedLoad(options(dead, {}));
  t.equal(result.answered, 0);
  t.equal(result.bad, 20);
  t.ok(performance.now() - before < 5000, 'not held until the 10 s deadline');
});

t.test('a call still unanswered when the grace after the window ends is counted bad', async (t) => {
  // Call 2 is never answered; the others are.
  const url = await serve(t, (n, _identifier, res) => {
    if (n !== 2) reply(res);
  });
  const result = await pacedLoad(options(url, { graceMs: 200 }));
  t.equal(result.answered, 19);
  t.equal(result.bad, 1);
});
