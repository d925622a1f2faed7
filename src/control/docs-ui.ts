import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { StaticDocumentSpec } from '@fastify/swagger';
import { notFound, pathOf } from '../shared/url.js';

/** Response headers the outer reply sets itself. */
const HOP_HEADERS = new Set(['connection', 'content-length', 'date', 'keep-alive', 'transfer-encoding']);

export interface DocsUiOptions {
  routePrefix: string;
}

/**
 * The OpenAPI document at `<prefix>/json` and `/yaml` (from @fastify/swagger), and Swagger UI
 * at `<prefix>` and below, built on its first request: loading @fastify/swagger-ui and
 * @fastify/static would lengthen every start (BENCHMARKS.md), and most test runs never use
 * them. The UI lives in its own Fastify instance, fed the emulator's document.
 */
export async function docsUi(app: FastifyInstance, { routePrefix }: DocsUiOptions): Promise<void> {
  let ui: Promise<FastifyInstance> | undefined;

  const buildUi = async (): Promise<FastifyInstance> => {
    const [{ default: Fastify }, { default: swagger }, { default: swaggerUi }] = await Promise.all([
      import('fastify'),
      import('@fastify/swagger'),
      import('@fastify/swagger-ui'),
    ]);
    const inner = Fastify();
    inner.setNotFoundHandler(notFound);
    // The emulator's generated OpenAPI 3 document; its type is the wider OpenAPI union.
    const document = app.swagger() as StaticDocumentSpec['document'];
    await inner.register(swagger, { mode: 'static', specification: { document } });
    await inner.register(swaggerUi, { routePrefix });
    await inner.ready();
    return inner;
  };

  const serveUi = async (request: FastifyRequest, reply: FastifyReply) => {
    // A failed build is not cached: the next request tries again.
    const inner = await (ui ??= buildUi().catch((error: unknown) => {
      ui = undefined;
      throw error;
    }));
    // The path alone: the UI needs no query, and its redirect from static/index.html rewrites a
    // URL that ends there, which one with a query never does (it redirected to itself).
    const res = await inner.inject({ method: request.method as 'GET' | 'HEAD', url: pathOf(request.url), headers: request.headers });
    for (const [name, value] of Object.entries(res.headers)) {
      if (!HOP_HEADERS.has(name) && value !== undefined) reply.header(name, value);
    }
    return reply.code(res.statusCode).send(res.rawPayload);
  };

  const hidden = { schema: { hide: true } };
  app.get(`${routePrefix}/json`, hidden, () => app.swagger());
  app.get(`${routePrefix}/yaml`, hidden, (_request, reply) => reply.type('application/x-yaml').send(app.swagger({ yaml: true })));
  app.get(routePrefix, hidden, serveUi);
  app.get(`${routePrefix}/*`, hidden, serveUi);
}
