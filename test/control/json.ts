import type { FastifyInstance } from 'fastify';

export interface JsonReply {
  status: number;
  headers: Record<string, unknown>;
  body: any;
  /** The body as sent, for asserting what must never appear in it. */
  raw: string;
}

/** Calls a control route (JSON in, JSON out, or text for a route that answers text). */
export async function json(
  app: FastifyInstance,
  method: 'GET' | 'POST' | 'DELETE' | 'PUT' | 'PATCH',
  url: string,
  opts: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<JsonReply> {
  const res = await app.inject({
    method,
    url,
    headers: opts.headers ?? {},
    ...(opts.body !== undefined && { payload: opts.body as object }),
  });
  // A control route that is not JSON (GET /__mock/tls/ca.pem: PEM) gives its text.
  const isJson = /json/.test(String(res.headers['content-type']));
  return { status: res.statusCode, headers: res.headers, body: res.body === '' ? undefined : isJson ? JSON.parse(res.body) : res.body, raw: res.body };
}
