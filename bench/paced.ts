import { Pool } from 'undici';
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
  /** How long after the window an unanswered call is given up (counted bad). */
  graceMs?: number;
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
  /** How late this process handed its calls to the pool as they came due (ms, p99): its own share of every latency. */
  sendLagP99: number;
  /** Errors, lost connections, non-200 statuses, replies other than the vendor's OK and calls never answered. */
  bad: number;
}

const percentile = (sorted: Float64Array, q: number): number =>
  sorted.length === 0 ? Number.NaN : (sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number);

const sortedOf = (values: Float64Array, n: number): Float64Array => values.slice(0, n).sort();

/**
 * Offers account_import calls at a fixed rate, open loop as wrk2 does: call i is due at
 * start + i / rate whatever became of the calls before it, and its latency counts from when it
 * was due, so waiting in the pool's queue for a free connection counts too (no coordinated
 * omission). undici's Pool keeps the keep-alive connections, one call in flight on each (no
 * pipelining, as test clients send), and frames the replies; autocannon cannot pace this way.
 */
export async function pacedLoad(o: PacedOptions): Promise<PacedResult> {
  const offered = Math.round(o.rate * o.durationS);
  const path = `${IMPORT_PATH}?${o.query}`;
  const latencies = new Float64Array(offered);
  const lags = new Float64Array(offered);
  const pool = new Pool(new URL(o.url).origin, { connections: o.connections, pipelining: 1 });
  let sent = 0;
  let answered = 0;
  let answeredInWindow = 0;
  let failed = 0;
  let done = false;
  const start = performance.now();
  const windowEnd = start + o.durationS * 1000;
  const dueAt = (i: number): number => start + (i * 1000) / o.rate;

  let finish = (): void => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const settle = (i: number, ok: boolean): void => {
    if (done) return;
    const now = performance.now();
    if (ok) {
      latencies[answered++] = now - dueAt(i);
      if (now <= windowEnd) answeredInWindow++;
    } else failed++;
    if (answered + failed === offered) finish();
  };

  const call = async (i: number): Promise<void> => {
    const reply = await pool.request({ method: 'POST', path, headers: { 'content-type': 'application/json' }, body: importBody(`${o.prefix}${i}`) });
    const text = await reply.body.text();
    settle(i, reply.statusCode === 200 && text.includes('"ErrorCode":0'));
  };

  // Timers fire about once a millisecond: each tick hands every call that has come due to the
  // pool, which sends it on a free connection or queues it until one frees up.
  let timer: NodeJS.Timeout | undefined;
  const tick = (): void => {
    const due = Math.min(offered, Math.floor(((performance.now() - start) * o.rate) / 1000) + 1);
    for (; sent < due; sent++) {
      const i = sent;
      lags[i] = performance.now() - dueAt(i);
      call(i).catch(() => settle(i, false));
    }
    if (sent < offered) timer = setTimeout(tick, 1);
  };
  if (offered > 0) {
    tick();
    const deadline = setTimeout(finish, o.durationS * 1000 + (o.graceMs ?? 10_000));
    await finished;
    clearTimeout(deadline);
    clearTimeout(timer);
  }
  done = true;
  await pool.destroy();

  const sortedLatencies = sortedOf(latencies, answered);
  return {
    offered,
    answered,
    rps: o.durationS > 0 ? answeredInWindow / o.durationS : 0,
    p50: percentile(sortedLatencies, 0.5),
    p99: percentile(sortedLatencies, 0.99),
    p999: percentile(sortedLatencies, 0.999),
    sendLagP99: percentile(sortedOf(lags, sent), 0.99),
    bad: offered - answered,
  };
}
