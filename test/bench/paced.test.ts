import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import t, { type Test } from 'tap';
import { pacedLoad, type PacedOptions } from '../../bench/paced.js';

const OK = '{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}';

/** A stand-in server: `answer` replies to the n-th call (0-based) with its body's identifier. */
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

const reply = (res: ServerResponse, body = OK, status = 200): void => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(body);
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
  t.equal(result.rps, 200);
  t.same([...seen].sort(), Array.from({ length: 20 }, (_, i) => `p${i}`).sort());
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
