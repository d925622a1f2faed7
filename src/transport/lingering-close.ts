import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

/**
 * The most a client may still send after a reply that refused its body, before the connection
 * is closed. The largest body limit that can be set, so that a refused upload of any allowed
 * size is read to its end and its client sees the reply.
 */
export const LINGER_BYTES = 64 * 1024 * 1024;

/**
 * Closes a connection as nginx's lingering_close does. A reply that refuses a body it has not
 * read (60008, 413) comes with `Connection: close`; closing at once, while the client is still
 * uploading, makes the kernel reset the connection, and a client that is still writing (Node's
 * fetch) then loses the reply to EPIPE. Instead, after the reply, the rest is read and discarded
 * until the client ends its side, has sent LINGER_BYTES more, or `lingerMs` have passed, and
 * only then is the connection closed.
 *
 * Called by the error handlers that refuse a body, with the request timeout as `lingerMs`: an
 * upload not done by then is cut by it anyway. It changes nothing when the request was read
 * whole, or when the client announced more than LINGER_BYTES (it would be cut anyway).
 */
export function lingerIfUnread(request: IncomingMessage, lingerMs: number): void {
  if (request.complete || Number(request.headers['content-length']) > LINGER_BYTES) return;
  // Node ends a connection after its last reply with destroySoon(); this socket lingers instead.
  const socket = request.socket;
  socket.destroySoon = () => linger(socket, lingerMs);
}

function linger(socket: Socket, lingerMs: number): void {
  socket.end();
  let closing = false;
  // Destroyed only once the reply is written: destroy() drops what is still queued.
  const close = (): void => {
    if (closing) return;
    closing = true;
    clearTimeout(timer);
    if (socket.writableFinished) socket.destroy();
    else socket.once('finish', () => socket.destroy());
  };
  const timer = setTimeout(close, lingerMs);
  if (socket.readableEnded) return close();
  let discarded = 0;
  const count = (): void => {
    socket.on('data', (chunk: Buffer) => {
      discarded += chunk.length;
      if (discarded > LINGER_BYTES) close();
    });
  };
  socket.once('end', close);
  socket.once('close', () => clearTimeout(timer));
  // Node's HTTP parser reads the socket itself and stops it while a refused body goes unread.
  // A 'data' listener takes the socket back from the parser (which then gets the chunks through
  // it and drops the body) but no longer restarts a stopped socket: so restart it, then count.
  if (socket.isPaused()) {
    socket.once('resume', count);
    socket.resume();
  } else {
    count();
  }
}
