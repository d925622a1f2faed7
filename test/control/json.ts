import type { FastifyInstance } from 'fastify';

export interface JsonReply {
  status: number;
  headers: Record<string, unknown>;
  body: any;
  /** The body as sent, for asserting what must never appear in it. */
  raw: string;
}

/** Calls a control route (JSON in, JSON out). */
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
  return { status: res.statusCode, headers: res.headers, body: res.body === '' ? undefined : JSON.parse(res.body), raw: res.body };
}
