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

/** The method a refused packet starts with, when it holds the request line (`CONNECT`, `POST`). */
const methodOf = (packet: unknown): string | undefined =>
  Buffer.isBuffer(packet) ? /^[A-Z]{1,16}(?= )/.exec(packet.toString('latin1', 0, 17))?.[0] : undefined;

/** A bare HTTP refusal with a one-line JSON body saying why; the connection is closed after it. */
function refuse(socket: Socket, status: 400 | 431, message: string): void {
  const reason = status === 400 ? 'Bad Request' : 'Request Header Fields Too Large';
  const body = `${JSON.stringify({ statusCode: status, error: reason, message })}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nX-Content-Type-Options: nosniff\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/**
 * Malformed HTTP never reaches a route; it still gets a vendor-shaped answer (a request that
 * timed out: 60008; anything else: 60002) instead of Node's bare 400. A refused CONNECT is not
 * a vendor call, and a client reads any 200 to a CONNECT as a tunnel opened: it gets a 400 (a
 * 431 for headers over the limit) and the connection is closed. So does a header overflow whose
 * request line arrived in an earlier packet, since its method is not known.
 */
export function clientErrorHandler(error: NodeJS.ErrnoException & { rawPacket?: unknown }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const overflow = error.code === 'HPE_HEADER_OVERFLOW';
  const method = methodOf(error.rawPacket);
  if (method === 'CONNECT' || (overflow && method === undefined)) {
    if (overflow) refuse(socket, 431, 'the request headers are over 16 KiB');
    else refuse(socket, 400, 'the CONNECT request is not valid HTTP: a proxy tunnel needs CONNECT host:port');
    return;
  }
  const entry: VendorErrorEntry = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? Errors.RequestFormat : Errors.HttpParse;
  const body = JSON.stringify(failReply(entry));
  socket.end(
    `HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\nX-Content-Type-Options: nosniff\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
