import type { ServerOptions } from 'node:http';
import type { MockOptions } from '../config/options.js';

/**
 * The connection settings both listeners share (docs/performance.md, "Limits and timeouts"): a request,
 * headers and body, must arrive within requestTimeout or it is answered 60008 and its socket
 * closed; idle keep-alive sockets live longer than Go's 90 s client pool so that no pooled POST
 * meets a closed socket; no bare socket timeout, which would cut sockets without a vendor answer.
 */
export function serverOptions(options: Pick<MockOptions, 'requestTimeout'>): ServerOptions & { requestTimeout: number; keepAliveTimeout: number } {
  return {
    requestTimeout: options.requestTimeout,
    headersTimeout: options.requestTimeout,
    keepAliveTimeout: 120_000,
    // Node checks request and header timeouts on this tick; a quarter keeps the cut close.
    connectionsCheckingInterval: Math.min(1000, Math.ceil(options.requestTimeout / 4)),
    maxHeaderSize: 16 * 1024,
    // Answered by src/transport/request-rules.ts, with a vendor reply under /v4.
    requireHostHeader: false,
  };
}
