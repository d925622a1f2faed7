import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { noSniff } from '../transport/request-rules.js';

export interface ControlGateOptions {
  /** A Fastify instance set up as the emulator's own is (logger, body limit, serializers). */
  instance: (options: { genReqId: (req: IncomingMessage) => string }) => FastifyInstance;
}

/** The control plane, built on first use, and the routes it serves (for the OpenAPI document). */
export interface ControlGate {
  plugin: ReturnType<typeof fp<ControlGateOptions>>;
  routes: () => Promise<readonly RouteOptions[]>;
}

const PREFIX = '/__mock';

/**
 * The control plane (/__mock) as a Fastify instance of its own, built on the first request to
 * it. Its some 50 routes, their schemas and their code cost a start more than anything else of
 * the emulator's, and most starts (a test file's) call none of them, or only after the vendor's
 * commands. Two hidden catch-all routes hand each /__mock request, its body unread, to that
 * instance; the app's own hooks have run (request rules, the log line on response), and its
 * request id carries over.
 */
export function controlGate(): ControlGate {
  let built: Promise<{ app: FastifyInstance; routes: RouteOptions[] }> | undefined;
  let options: ControlGateOptions | undefined;
  let parent: FastifyInstance | undefined;
  const ids = new WeakMap<IncomingMessage, string>();

  const plane = () =>
    (built ??= (async () => {
      const { controlPlugin } = await import('./index.js');
      const app = (options as ControlGateOptions).instance({ genReqId: (req) => ids.get(req) ?? 'control' });
      const routes: RouteOptions[] = [];
      app.addHook('onRoute', (route) => {
        routes.push(route);
      });
      // The app's request rules ran on the outer reply, whose headers a handed-over request loses.
      app.addHook('onRequest', (_request, reply, done) => {
        noSniff(reply);
        done();
      });
      app.decorate('mock', (parent as FastifyInstance).mock);
      await app.register(controlPlugin, { prefix: PREFIX });
      await app.ready();
      return { app, routes };
    })().catch((error: unknown) => {
      built = undefined;
      throw error;
    }));

  const handOver = async (request: FastifyRequest, reply: FastifyReply) => {
    reply.hijack();
    ids.set(request.raw, request.id);
    try {
      (await plane()).app.routing(request.raw, reply.raw);
    } catch (error) {
      request.log.error({ reqId: request.id, err: error }, 'the control plane could not be built');
      reply.raw.writeHead(500, { 'content-type': 'application/json; charset=utf-8', 'x-content-type-options': 'nosniff' });
      reply.raw.end(JSON.stringify({ statusCode: 500, error: 'Internal Server Error', message: 'internal error in the emulator; see its log' }));
    }
  };

  const plugin = fp<ControlGateOptions>(
    async (app, opts) => {
      options = opts;
      parent = app;
      const hidden = { schema: { hide: true }, onRequest: handOver };
      app.all(PREFIX, hidden, () => undefined);
      app.all(`${PREFIX}/*`, hidden, () => undefined);
      app.addHook('onClose', async () => {
        const made = await built?.catch(() => undefined);
        await made?.app.close();
      });
    },
    { name: 'control-gate', fastify: '5.x', dependencies: ['mock-services'] },
  );
  return { plugin, routes: async () => (await plane()).routes };
}
