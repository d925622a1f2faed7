import { createRequire } from 'node:module';
import { IMPORT_PATH, importBody } from './lib.js';

const SENDMSG_PATH = '/v4/openim/sendmsg';
/** A text message from alice to bob; MsgRandom differs per call, so no call is a repeat. */
const sendmsgBody = (text: string, random: number): string =>
  `{"From_Account":"alice","To_Account":"bob","MsgRandom":${random},"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"${text}"}}]}`;

/** The parts of autocannon's result the benches read. */
export interface LoadResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  mismatches: number;
  duration: number;
}

interface AutocannonRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (request: AutocannonRequest) => AutocannonRequest;
  onResponse?: (status: number, body: string) => void;
}

type Autocannon = (options: Record<string, unknown>) => Promise<LoadResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

export interface LoadOptions {
  url: string;
  query: string;
  connections: number;
  durationS: number;
  /** Offered requests per second over all connections; unlimited when absent. */
  overallRate?: number;
  /** Each request imports `${prefix}${n}` with a fresh n, so the store grows as in a bulk import. */
  prefix: string;
  /** Cycles n through this many identifiers instead (re-imports), so the store stops growing. */
  pool?: number;
  /** The command driven (default account_import); sendmsg sends `${prefix}` text from alice to bob. */
  command?: 'account_import' | 'sendmsg';
  /** Sees every reply body (counts outcomes); costs load-generator time, so off for throughput runs. */
  onReply?: (body: string) => void;
}

/**
 * Drives account_import with autocannon from this process, which is never the server's: the
 * benches spawn every server as its own process on its own core.
 */
export async function load(o: LoadOptions): Promise<LoadResult> {
  let n = 0;
  const request: AutocannonRequest = {
    method: 'POST',
    path: `${o.command === 'sendmsg' ? SENDMSG_PATH : IMPORT_PATH}?${o.query}`,
    headers: { 'content-type': 'application/json' },
    // autocannon hands setupRequest a fresh copy of the request each time, so it is filled in
    // place: a spread would cost the load generator ~4 µs more per request.
    setupRequest: (r) => {
      const id = `${o.prefix}${o.pool ? n++ % o.pool : n++}`;
      r.body = o.command === 'sendmsg' ? sendmsgBody(id, n) : importBody(id);
      return r;
    },
    ...(o.onReply && { onResponse: (_status: number, body: string) => o.onReply?.(body) }),
  };
  return autocannon({
    url: o.url,
    connections: o.connections,
    duration: o.durationS,
    requests: [request],
    ...(o.overallRate !== undefined && { overallRate: o.overallRate }),
    // Every reply should be the vendor's OK; anything else is counted as a mismatch.
    verifyBody: (body: string) => body.includes('"ErrorCode":0'),
  });
}
