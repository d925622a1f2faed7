import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { parseReply } from './http-reply.js';
import { IMPORT_PATH, importBody } from './lib.js';

export interface PacedOptions {
  url: string;
  query: string;
  connections: number;
  /** Calls offered per second, over all connections. */
  rate: number;
  durationS: number;
  /** Call i imports `${prefix}${i}`. */
  prefix: string;
}

export interface PacedResult {
  offered: number;
  /** Calls answered with the vendor's OK; the latencies are theirs. */
  answered: number;
  /** OK answers per second within the offered window: below the rate when the server fell behind. */
  rps: number;
  /** Latency percentiles in ms, counted from when each call was due. */
  p50: number;
  p99: number;
  p999: number;
  /** How late this process handled its calls as they came due (ms, p99): its own share of every latency. */
  sendLagP99: number;
  /** Errors, lost connections, replies without a length, non-200 statuses and replies other than the vendor's OK. */
  bad: number;
}

const percentile = (sorted: Float64Array, q: number): number =>
  sorted.length === 0 ? Number.NaN : (sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number);

const sortedOf = (values: Float64Array, n: number): Float64Array => values.slice(0, n).sort();

/** One keep-alive connection with at most one call in flight (no pipelining, as test clients send). */
interface Connection {
  socket: Socket;
  /** The call in flight, or -1. */
  call: number;
  received: string;
}

/**
 * Offers account_import calls at a fixed rate, open loop as wrk2 does: call i is due at
 * start + i / rate whatever became of the calls before it, and its latency counts from when it
 * was due, so waiting for a free connection counts too (no coordinated omission). Requests are
 * written whole on raw keep-alive sockets and replies read by their Content-Length, which
 * Fastify always sends; BENCHMARKS.md says why neither autocannon nor Node's HTTP client would do.
 */
export async function pacedLoad(o: PacedOptions): Promise<PacedResult> {
  const { hostname, port } = new URL(o.url);
  const head = `POST ${IMPORT_PATH}?${o.query} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: application/json\r\nContent-Length: `;
  const offered = Math.round(o.rate * o.durationS);
  const latencies = new Float64Array(offered);
  const lags = new Float64Array(offered);
  const waiting: number[] = [];
  const free: Connection[] = [];
  const connections = new Set<Connection>();
  let sent = 0;
  let answered = 0;
  let answeredInWindow = 0;
  let bad = 0;
  let settled = 0;
  let done = false;
  let start = 0;
  let windowEnd = 0;
  const dueAt = (i: number): number => start + (i * 1000) / o.rate;

  let finish = (): void => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));

  const send = (c: Connection, i: number): void => {
    const body = importBody(`${o.prefix}${i}`);
    c.call = i;
    c.socket.write(`${head}${Buffer.byteLength(body)}\r\n\r\n${body}`);
  };
  const settle = (c: Connection, ok: boolean): void => {
    const now = performance.now();
    if (ok) {
      latencies[answered++] = now - dueAt(c.call);
      if (now <= windowEnd) answeredInWindow++;
    } else bad++;
    c.call = -1;
    c.received = '';
    if (++settled === offered) finish();
  };
  const next = (c: Connection): void => {
    const i = waiting.shift();
    if (i === undefined) free.push(c);
    else send(c, i);
  };

  const onData = (c: Connection, chunk: string): void => {
    // Nothing was asked on this connection: whatever it is, the connection is not to be trusted.
    if (c.call < 0) {
      c.socket.destroy();
      return;
    }
    c.received += chunk;
    const reply = parseReply(c.received);
    if (reply === undefined) return;
    // Without a length the reply cannot be told from the next one: the call is lost (bad).
    if (reply.headers['content-length'] === undefined) {
      c.socket.destroy();
      return;
    }
    settle(c, reply.statusCode === 200 && reply.body.includes('"ErrorCode":0'));
    // A server closing the connection gets no further call on it; the close handler replaces it.
    if (reply.headers.connection?.toLowerCase() === 'close') c.socket.destroy();
    else next(c);
  };

  const open = (): Connection => {
    const c: Connection = { socket: connect({ host: hostname, port: Number(port), noDelay: true }), call: -1, received: '' };
    let connected = false;
    c.socket.once('connect', () => (connected = true));
    c.socket.setEncoding('utf8');
    c.socket.on('data', (chunk: string) => onData(c, chunk));
    c.socket.on('error', () => undefined);
    c.socket.on('close', () => {
      connections.delete(c);
      const at = free.indexOf(c);
      if (at >= 0) free.splice(at, 1);
      if (done) return;
      // The call in flight is lost (counted bad). A connection that once worked is replaced;
      // one that never connected is not, so a dead server is not hammered with reconnects.
      if (c.call >= 0) settle(c, false);
      if (connected && settled < offered) next(open());
      // No connection left to send on: the calls not yet answered are counted bad now.
      if (connections.size === 0) finish();
    });
    connections.add(c);
    return c;
  };

  // Connected before the first call is due, so that no latency includes a TCP handshake.
  const connectAll = async (): Promise<boolean> => {
    const opened = Array.from({ length: o.connections }, open);
    await Promise.all(opened.map((c) => once(c.socket, 'connect').catch(() => undefined)));
    for (const c of opened) if (connections.has(c)) free.push(c);
    return free.length > 0;
  };

  if (offered > 0 && (await connectAll())) {
    start = performance.now();
    windowEnd = start + o.durationS * 1000;

    // Timers fire about once a millisecond: each tick hands every call that has come due to a
    // free connection, or queues it for the next one to free up.
    let timer: NodeJS.Timeout | undefined;
    const tick = (): void => {
      const due = Math.min(offered, Math.floor(((performance.now() - start) * o.rate) / 1000) + 1);
      while (sent < due) {
        lags[sent] = performance.now() - dueAt(sent);
        const c = free.pop();
        if (c === undefined) waiting.push(sent);
        else send(c, sent);
        sent++;
      }
      if (sent < offered) timer = setTimeout(tick, 1);
    };
    tick();
    // Calls still unanswered 10 s after the window are counted bad.
    const deadline = setTimeout(finish, o.durationS * 1000 + 10_000);
    await finished;
    clearTimeout(deadline);
    clearTimeout(timer);
  }
  done = true;
  for (const c of connections) c.socket.destroy();

  const sortedLatencies = sortedOf(latencies, answered);
  return {
    offered,
    answered,
    rps: o.durationS > 0 ? answeredInWindow / o.durationS : 0,
    p50: percentile(sortedLatencies, 0.5),
    p99: percentile(sortedLatencies, 0.99),
    p999: percentile(sortedLatencies, 0.999),
    sendLagP99: percentile(sortedOf(lags, sent), 0.99),
    bad: bad + (offered - settled),
  };
}
