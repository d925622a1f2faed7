import type { FastifyDynamicSwaggerOptions, StaticDocumentSpec } from '@fastify/swagger';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { notFound, pathOf } from '../shared/url.js';

/** Response headers the outer reply sets itself. */
const HOP_HEADERS = new Set(['connection', 'content-length', 'date', 'keep-alive', 'transfer-encoding']);

export interface DocsUiOptions {
  routePrefix: string;
  /** How @fastify/swagger describes the routes (title, tags, the token's security scheme). */
  swagger: FastifyDynamicSwaggerOptions;
  /**
   * Operations catch-all routes serve (the vendor's commands, the control plane's routes),
   * described as routes of their own.
   */
  operations?: () => Promise<readonly Pick<RouteOptions, 'method' | 'url' | 'schema'>[]>;
}

type Document = StaticDocumentSpec['document'];

/**
 * The OpenAPI document at `<prefix>/json` and `/yaml`, and Swagger UI at `<prefix>` and below,
 * all built on their first request: loading @fastify/swagger (with its YAML writer),
 * @fastify/swagger-ui and @fastify/static would lengthen every start, and most test runs never
 * read them. At start the plugin only records each route as it is added; the first request
 * replays them, schemas and all, into a Fastify instance of its own that @fastify/swagger
 * describes, and the UI is served from a second one fed that document.
 */
async function docsUi(app: FastifyInstance, options: DocsUiOptions): Promise<void> {
  const { routePrefix, swagger: swaggerOptions, operations } = options;
  const routes: RouteOptions[] = [];
  app.addHook('onRoute', (route) => {
    routes.push(route);
  });

  /** Runs once, and again after a failure: a failed build is not cached. */
  const once = <T>(build: () => Promise<T>): (() => Promise<T>) => {
    let made: Promise<T> | undefined;
    return () =>
      (made ??= build().catch((error: unknown) => {
        made = undefined;
        throw error;
      }));
  };

  const described = once(async () => {
    const [{ default: Fastify }, { default: swagger }] = await Promise.all([import('fastify'), import('@fastify/swagger')]);
    // HEAD routes were recorded as the app made them; the replay must not add them twice.
    const inner = Fastify({ exposeHeadRoutes: false });
    // The schemas are read, never run: the replayed routes answer nothing.
    inner.setValidatorCompiler(() => () => true);
    inner.setSerializerCompiler(() => (data) => JSON.stringify(data));
    await inner.register(swagger, swaggerOptions);
    for (const { method, url, schema } of [...routes, ...((await operations?.()) ?? [])]) {
      inner.route({ method, url, schema: schema ?? {}, handler: () => null });
    }
    await inner.ready();
    return inner;
  });
  // The emulator's generated OpenAPI 3 document; its type is the wider OpenAPI union.
  const documentOf = async (): Promise<Document> => (await described()).swagger() as Document;

  const ui = once(async () => {
    const [{ default: Fastify }, { default: swagger }, { default: swaggerUi }] = await Promise.all([
      import('fastify'),
      import('@fastify/swagger'),
      import('@fastify/swagger-ui'),
    ]);
    const inner = Fastify();
    inner.setNotFoundHandler(notFound);
    await inner.register(swagger, { mode: 'static', specification: { document: await documentOf() } });
    await inner.register(swaggerUi, { routePrefix });
    await inner.ready();
    return inner;
  });

  const serveUi = async (request: FastifyRequest, reply: FastifyReply) => {
    const inner = await ui();
    // The path alone: the UI needs no query, and its redirect from static/index.html rewrites a
    // URL that ends there, which one with a query never does (it redirected to itself).
    const res = await inner.inject({ method: request.method as 'GET' | 'HEAD', url: pathOf(request.url), headers: request.headers });
    for (const [name, value] of Object.entries(res.headers)) {
      if (!HOP_HEADERS.has(name) && value !== undefined) reply.header(name, value);
    }
    return reply.code(res.statusCode).send(res.rawPayload);
  };

  const hidden = { schema: { hide: true } };
  app.get(`${routePrefix}/json`, hidden, documentOf);
  app.get(`${routePrefix}/yaml`, hidden, async (_request, reply) =>
    reply.type('application/x-yaml').send((await described()).swagger({ yaml: true })),
  );
  app.get(routePrefix, hidden, serveUi);
  app.get(`${routePrefix}/*`, hidden, serveUi);
}

/** Registered before the routes it describes, and unencapsulated, so that it sees every route the app adds. */
export const docsUiPlugin = fp(docsUi, { name: 'docs-ui', fastify: '5.x' });
