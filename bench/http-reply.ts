/** An HTTP/1.1 reply read off a raw socket. */
export interface RawReply {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Parses the first reply in what a server sent, or undefined while it is incomplete. A reply
 * without a Content-Length is taken as ending with its headers. Used by the paced load generator
 * and the raw-socket tests.
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
