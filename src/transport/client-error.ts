import type { Socket } from 'node:net';
import { Errors, type VendorErrorEntry } from '../tim/errors.js';
import { failReply } from '../tim/reply.js';

/**
 * The 4xx status Fastify gave an error it raised over the client's input (a URL that does not
 * decode, malformed JSON on a control route); undefined for anything else, which is the
 * emulator's own fault and is logged by whichever error handler meets it.
 */
export const clientErrorStatus = (error: Error & { statusCode?: unknown }): number | undefined =>
  typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : undefined;

/**
 * Malformed HTTP never reaches a route; it still gets a vendor-shaped answer (a request that
 * timed out: 60008; anything else: 60002) instead of Node's bare 400.
 */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const entry: VendorErrorEntry = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? Errors.RequestFormat : Errors.HttpParse;
  const body = JSON.stringify(failReply(entry));
  socket.end(
    `HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\nX-Content-Type-Options: nosniff\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
