import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** What a backend answered, or why it did not. */
export interface PostResult {
  /** The HTTP status; null when no answer came. */
  status: number | null;
  /** The reply's text, at most the cap's bytes. */
  text: string;
  /** The reply was longer than the cap and was cut there. */
  capped: boolean;
  /** Why the call failed: a timeout, a refused connection; null when an answer came. */
  error: string | null;
}

/**
 * POSTs `body` to `url` once: node's request never follows a redirect, so only the configured
 * URL is called; a 3xx is an answer like any other. The reply is read up to `capBytes` and the
 * connection dropped past it; after `timeoutMs` the call is abandoned.
 */
export function postJson(url: string, body: string, timeoutMs: number, capBytes: number): Promise<PostResult> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: PostResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const send = url.startsWith('https:') ? httpsRequest : httpRequest;
    const req = send(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) },
    });
    const timer = setTimeout(() => {
      finish({ status: null, text: '', capped: false, error: `no answer within ${timeoutMs} ms` });
      req.destroy();
    }, timeoutMs);
    req.on('error', (error) => finish({ status: null, text: '', capped: false, error: error.message }));
    req.on('response', (res: IncomingMessage) => {
      const status = res.statusCode as number;
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        const room = capBytes - size;
        chunks.push(chunk.subarray(0, room));
        size += Math.min(chunk.length, room);
        if (chunk.length > room) {
          finish({ status, text: Buffer.concat(chunks).toString(), capped: true, error: null });
          req.destroy();
        }
      });
      const text = () => Buffer.concat(chunks).toString();
      res.on('end', () => finish({ status, text: text(), capped: false, error: null }));
      res.on('error', () => finish({ status, text: text(), capped: false, error: 'the reply was cut off' }));
    });
    req.end(body);
  });
}
