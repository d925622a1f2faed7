import { connect, type Socket } from 'node:net';

/** An HTTP/1.1 reply read off a raw socket. */
export interface RawReply {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Parses the first reply in what a server sent, or undefined while it is incomplete. A reply
 * without a Content-Length is taken as ending with its headers.
 */
export function parseReply(text: string): RawReply | undefined {
  const end = text.indexOf('\r\n\r\n');
  if (end === -1) return undefined;
  const [status = '', ...lines] = text.slice(0, end).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const length = Number(headers['content-length'] ?? 0);
  const body = text.slice(end + 4);
  if (Buffer.byteLength(body) < length) return undefined;
  return { statusCode: Number(status.split(' ')[1]), headers, body };
}

/**
 * A raw client socket: what tests need to send a request a little at a time, or not at all,
 * and see exactly when the server answers and when it closes.
 */
export class RawClient {
  readonly socket: Socket;
  #received = '';
  readonly reply: Promise<RawReply>;
  /** Resolves with the time the server closed the socket (ms since the client connected). */
  readonly closed: Promise<number>;
  readonly startedAt = performance.now();
  replyAt: number | undefined;

  /** `allowHalfOpen`: the socket goes on sending after the server ended its side (a plain one ends too). */
  constructor(port: number, { allowHalfOpen = false } = {}) {
    this.socket = connect({ host: '127.0.0.1', port, allowHalfOpen });
    this.socket.setEncoding('utf8');
    // A server closing early makes writes fail (EPIPE/ECONNRESET); that is the behaviour under test.
    this.socket.on('error', () => {});
    this.reply = new Promise((resolve, reject) => {
      this.socket.on('data', (chunk: string) => {
        this.#received += chunk;
        const reply = this.replyAt === undefined ? parseReply(this.#received) : undefined;
        if (reply) {
          this.replyAt = performance.now() - this.startedAt;
          resolve(reply);
        }
      });
      this.socket.on('close', () => reject(new Error(`closed without a full reply: ${JSON.stringify(this.#received.slice(0, 200))}`)));
    });
    this.reply.catch(() => {});
    this.closed = new Promise((resolve) => this.socket.on('close', () => resolve(performance.now() - this.startedAt)));
  }

  /** Writes, waiting for the socket to drain; false once the socket can no longer take data. */
  async write(data: string | Buffer): Promise<boolean> {
    if (this.socket.destroyed || !this.socket.writable) return false;
    if (this.socket.write(data)) return true;
    return new Promise((resolve) => {
      const done = (ok: boolean) => () => {
        this.socket.off('drain', onDrain);
        this.socket.off('close', onClose);
        resolve(ok);
      };
      const onDrain = done(true);
      const onClose = done(false);
      this.socket.once('drain', onDrain);
      this.socket.once('close', onClose);
    });
  }
}

export const requestHead = (path: string, headers: Record<string, string | number>): string =>
  `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('')}\r\n`;
