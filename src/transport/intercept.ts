import { BatchInterceptor } from '@mswjs/interceptors';
import { ClientRequestInterceptor } from '@mswjs/interceptors/ClientRequest';
import { FetchInterceptor } from '@mswjs/interceptors/fetch';
import type { FastifyInstance, InjectOptions } from 'fastify';

/** Status codes whose replies have no body (a Response refuses one). */
const NO_BODY = new Set([101, 204, 205, 304]);

/**
 * In-process interception with @mswjs/interceptors (what MSW is built on): requests from this
 * process to a served host, through global fetch (undici) or node:http/node:https (axios, got),
 * are answered by `app.inject`, so they pass the same hooks as a call over a socket (journal,
 * rate limit, faults); other hosts pass through untouched. Returns the function that undoes it.
 */
export function interceptVendorHosts(app: FastifyInstance): () => void {
  const { hosts } = app.mock.reach;
  const interceptor = new BatchInterceptor({
    name: 'tim-account-mock',
    interceptors: [new ClientRequestInterceptor(), new FetchInterceptor()],
  });
  interceptor.on('request', async ({ request, controller }) => {
    const url = new URL(request.url);
    if (!hosts.serves(url.hostname)) return;
    const payload = request.method === 'GET' || request.method === 'HEAD' ? undefined : Buffer.from(await request.arrayBuffer());
    const headers: Record<string, string> = Object.fromEntries(request.headers);
    headers.host = url.host;
    let res;
    try {
      res = await app.inject({ method: request.method as InjectOptions['method'], url: `${url.pathname}${url.search}`, headers, payload });
    } catch {
      // A fault that drops the connection leaves no reply: the client sees a network error, as
      // over a socket (an uncaught error here would reach it as a 500 with a stack trace).
      controller.respondWith(Response.error());
      return;
    }
    const replyHeaders = new Headers();
    for (const [name, value] of Object.entries(res.headers)) {
      if (value === undefined) continue;
      for (const v of Array.isArray(value) ? value : [String(value)]) replyHeaders.append(name, v);
    }
    const body = NO_BODY.has(res.statusCode) ? null : res.rawPayload;
    controller.respondWith(new Response(body, { status: res.statusCode, headers: replyHeaders }));
  });
  interceptor.apply();
  return () => interceptor.dispose();
}
