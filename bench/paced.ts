import { connect, type Socket } from 'node:net';
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
  /** Those per second of the offered duration. */
  rps: number;
  /** Latency percentiles in ms, counted from when each call was due. */
  p50: number;
  p99: number;
  p999: number;
  /** How late this process handled its calls as they came due (ms, p99): large values mean the generator, not the server, fell behind. */
  sendLagP99: number;
  /** Errors, closed connections, non-200 statuses and replies other than the vendor's OK. */
  bad: number;
}

const percentile = (sorted: Float64Array, q: number): number =>
  sorted.length === 0 ? Number.NaN : (sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number);

const sortedOf = (values: Float64Array, n: number): Float64Array => values.slice(0, n).sort();

const HEADERS_END = '\r\n\r\n';
const CONTENT_LENGTH = /\r\ncontent-length: *(\d+)/i;

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
 * was due, so waiting for a free connection counts too (no coordinated omission). autocannon's
 * rate option cannot measure this: it sends each connection's quota for a second as a burst at
 * the start of the second, and corrects its latencies for a 1 ms interval. Node's HTTP client
 * needs ~200 µs of CPU per call here, which would put the generator's own queueing into every
 * figure; this one writes each request whole on a raw socket and reads only the status line,
 * Content-Length and body of the reply (Fastify, and so both targets, always sends a length).
 */
export function pacedLoad(o: PacedOptions): Promise<PacedResult> {
  const { hostname, port } = new URL(o.url);
  const head = `POST ${IMPORT_PATH}?${o.query} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: application/json\r\nContent-Length: `;
  const offered = Math.round(o.rate * o.durationS);
  const dueAt = new Float64Array(offered);
  const latencies = new Float64Array(offered);
  const lags = new Float64Array(offered);
  const waiting: number[] = [];
  const free: Connection[] = [];
  const connections: Connection[] = [];
  let sent = 0;
  let answered = 0;
  let bad = 0;
  let settled = 0;
  let done = false;
  const start = performance.now();
  for (let i = 0; i < offered; i++) dueAt[i] = start + (i * 1000) / o.rate;

  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const finish = (): void => {
      if (done) return;
      done = true;
      clearTimeout(deadline);
      clearTimeout(timer);
      for (const c of connections) c.socket.destroy();
      const sortedLatencies = sortedOf(latencies, answered);
      resolve({
        offered,
        answered,
        rps: answered / o.durationS,
        p50: percentile(sortedLatencies, 0.5),
        p99: percentile(sortedLatencies, 0.99),
        p999: percentile(sortedLatencies, 0.999),
        sendLagP99: percentile(sortedOf(lags, sent), 0.99),
        bad: bad + (offered - settled),
      });
    };
    // Calls still unanswered 10 s after the last was due are counted bad.
    const deadline = setTimeout(finish, o.durationS * 1000 + 10_000);

    const send = (c: Connection, i: number): void => {
      const body = importBody(`${o.prefix}${i}`);
      c.call = i;
      c.socket.write(`${head}${body.length}${HEADERS_END}${body}`, 'latin1');
    };
    const settle = (c: Connection, ok: boolean): void => {
      if (ok) latencies[answered++] = performance.now() - (dueAt[c.call] as number);
      else bad++;
      c.call = -1;
      c.received = '';
      if (++settled === offered) finish();
    };
    const next = (c: Connection): void => {
      const i = waiting.shift();
      if (i === undefined) free.push(c);
      else send(c, i);
    };

    const open = (): Connection => {
      const c: Connection = { socket: connect({ host: hostname, port: Number(port), noDelay: true }), call: -1, received: '' };
      c.socket.setEncoding('latin1');
      c.socket.on('data', (chunk: string) => {
        c.received += chunk;
        const end = c.received.indexOf(HEADERS_END);
        if (end < 0) return;
        const length = Number(CONTENT_LENGTH.exec(c.received.slice(0, end + 2))?.[1] ?? 0);
        if (c.received.length < end + HEADERS_END.length + length) return;
        settle(c, c.received.startsWith('HTTP/1.1 200 ') && c.received.includes('"ErrorCode":0', end));
        next(c);
      });
      // A connection that fails loses its call (counted bad) and is replaced.
      c.socket.on('error', () => undefined);
      c.socket.on('close', () => {
        if (done) return;
        connections.splice(connections.indexOf(c), 1);
        const at = free.indexOf(c);
        if (at >= 0) free.splice(at, 1);
        if (c.call >= 0) settle(c, false);
        if (settled < offered) next(open());
      });
      connections.push(c);
      return c;
    };
    for (let k = 0; k < o.connections; k++) free.push(open());

    // Timers fire about once a millisecond: each tick hands every call that has come due to a
    // free connection, or queues it for the next one to free up.
    const tick = (): void => {
      const due = Math.min(offered, Math.floor(((performance.now() - start) * o.rate) / 1000) + 1);
      while (sent < due) {
        lags[sent] = performance.now() - (dueAt[sent] as number);
        const c = free.pop();
        if (c === undefined) waiting.push(sent);
        else send(c, sent);
        sent++;
      }
      if (sent < offered) timer = setTimeout(tick, 1);
    };
    tick();
  });
}
