import { createRequire } from 'node:module';
import type { Socket } from 'node:net';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { DestinationStream, Logger, pino as createPino } from 'pino';
import type { PrettyOptions } from 'pino-pretty';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import swagger from '@fastify/swagger';
import { reclaimMemory } from './accounts/reclaim.js';
import { AccountStore } from './accounts/store.js';
import { clientErrorStatus } from './client-error.js';
import { ControllableClock } from './clock.js';
import { resolveOptions, type MockOptions } from './config.js';
import { AppRegistry } from './vendor/apps.js';
import { Errors, type VendorErrorEntry } from './vendor/errors.js';
import { vendorPlugin } from './vendor/pipeline.js';
import { RateLimiter } from './vendor/rate-limit.js';
import { failReply } from './vendor/reply.js';
import { FaultRegistry } from './faults/registry.js';
import { Journal } from './journal/journal.js';
import { commands } from './vendor/commands/index.js';
import { controlPlugin } from './control/index.js';
import { healthRoute } from './control/health.js';
import { apiDocsOptions } from './control/openapi.js';
import { docsUi } from './control/docs-ui.js';
import { fixturesPlugin } from './fixtures/load.js';
import { lazySerializers } from './serializers.js';
import { persistState } from './state/persistence.js';
import { pathOf } from './url.js';

/** The emulator's state and collaborators, shared by the vendor routes and the control plane. */
export interface MockServices {
  options: MockOptions;
  clock: ControllableClock;
  store: AccountStore;
  apps: AppRegistry;
  limiter: RateLimiter;
  faults: FaultRegistry;
  journal: Journal;
  /** Warnings and errors go here at every level; Fastify's request.log is a no-op above info. */
  log: FastifyBaseLogger;
}

declare module 'fastify' {
  interface FastifyInstance {
    mock: MockServices;
  }
}

export type MockApp = FastifyInstance;

/**
 * Secrets never reach a log line: every line is built from fields picked for it, the query
 * (usersig) is cut off, and these paths are censored as a second guard. Exact paths, one per
 * place a secret could sit: with wildcards (`*.usersig`) pino's redaction cost 12 to 18 µs per
 * line against 3 to 4 µs (measured), most of what the default level's request line cost.
 */
const SECRET_FIELDS = ['usersig', 'Password', 'password', 'secretKey', 'passwordHash', 'mockToken'];
const REDACT = [
  'req.headers.authorization',
  ...SECRET_FIELDS,
  ...['query', 'body', 'options'].flatMap((container) => SECRET_FIELDS.map((field) => `${container}.${field}`)),
];

const require = createRequire(import.meta.url);

/**
 * The emulator's logger, or undefined when it logs nothing. pino is loaded only then:
 * importing it takes 30 to 40 ms (measured), which in-process use without a log need not pay.
 */
function createLogger(options: MockOptions): Logger | undefined {
  if (!options.logger && options.logStream === undefined) return undefined;
  const { pino } = require('pino') as { pino: typeof createPino };
  return pino(
    {
      level: options.logLevel,
      redact: { paths: REDACT, censor: '[redacted]' },
      serializers: { req: (req: { method: string; url: string }) => ({ method: req.method, path: pathOf(req.url) }) },
    },
    options.logFormat === 'pretty' ? prettyStream(options.logStream) : options.logStream,
  );
}

/**
 * pino-pretty's formatter as the log's destination, written synchronously so that a line logged
 * just before an exit is not lost; coloured on a terminal only.
 */
function prettyStream(destination: DestinationStream | undefined): DestinationStream {
  const pretty = require('pino-pretty') as (options: PrettyOptions) => DestinationStream;
  return pretty({
    destination: destination ?? 1,
    sync: true,
    colorize: destination === undefined && process.stdout.isTTY === true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname',
    singleLine: true,
  });
}

/**
 * Malformed HTTP never reaches a route; it still gets a vendor-shaped answer (a request that
 * timed out: 60008; anything else: 60002) instead of Node's bare 400.
 */
function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const entry: VendorErrorEntry = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? Errors.RequestFormat : Errors.HttpParse;
  const body = JSON.stringify(failReply(entry));
  socket.end(
    `HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/**
 * A URL Fastify cannot decode (a bad percent-escape) never reaches a route. Under /v4 it is
 * answered like the vendor's other URL errors (60002); elsewhere with a plain 400. Neither
 * echoes the URL, whose query holds the usersig.
 */
function frameworkErrors(_error: Error, request: FastifyRequest, reply: FastifyReply): void {
  if (request.url.startsWith('/v4/')) {
    reply.code(200).send(failReply(Errors.HttpParse));
  } else {
    reply.code(400).send({ statusCode: 400, error: 'Bad Request', message: 'the URL is not valid (a bad percent-escape?)' });
  }
}

/** Builds the emulator as a Fastify instance; `inject` works on it without a port. */
export function buildApp(input: Partial<MockOptions> = {}): FastifyInstance {
  const options = resolveOptions(input);
  const clock = options.clock ?? new ControllableClock();
  const logger = createLogger(options);
  // Fastify is given the logger only when request lines are written (info and below): with any
  // logger it adds a child logger and `finish`/`error` listeners to every request. Without them
  // a call at LOG_LEVEL=warn, where no request line is written, runs 5 to 18% fewer instructions
  // (valgrind; in CPU time the gain is below this host's noise, see BENCHMARKS.md).
  // Above info, the emulator's own warnings and errors still go to `services.log`; Fastify's
  // internal ones (a reply sent twice: a bug in this code, which tests would show) do not.
  const requestLogger = logger?.isLevelEnabled('info') === true ? (logger as FastifyBaseLogger) : undefined;

  const app = Fastify({
    ...(requestLogger ? { loggerInstance: requestLogger } : { logger: false }),
    // At info and below, one line per request is written by the onResponse hook below, with
    // secrets left out.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: options.bodyLimit,
    schemaController: { compilersFactory: { buildSerializer: lazySerializers } },
    clientErrorHandler,
    frameworkErrors,
    // Timeouts (README "Performance and limits"): a request, headers and body, must arrive
    // within requestTimeout or it is answered 60008 and its socket closed; idle keep-alive
    // sockets live longer than Go's 90 s client pool so that no pooled POST meets a closed
    // socket; no bare socket timeout, which would cut sockets without a vendor answer.
    requestTimeout: options.requestTimeout,
    keepAliveTimeout: 120_000,
    connectionTimeout: 0,
    http: {
      headersTimeout: options.requestTimeout,
      // Node checks request and header timeouts on this tick; a quarter keeps the cut close.
      connectionsCheckingInterval: Math.min(1000, Math.ceil(options.requestTimeout / 4)),
      maxHeaderSize: 16 * 1024,
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const services: MockServices = {
    options,
    clock,
    store: new AccountStore(clock, options.reclaimMemory ? reclaimMemory : undefined),
    apps: new AppRegistry(options),
    limiter: new RateLimiter(clock),
    faults: new FaultRegistry(),
    journal: new Journal(options.journalSize, clock),
    log: logger ?? app.log,
  };
  app.decorate('mock', services);

  // /v4 and /__mock have their own error handlers; elsewhere (/health, /documentation) errors
  // are answered as Fastify answers them, and an unexpected one is logged, which Fastify itself
  // does not do with request logging off.
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (clientErrorStatus(error) === undefined) {
      services.log.error({ reqId: request.id, err: error }, 'unexpected error');
    }
    reply.send(error);
  });

  // Fastify's own 404 repeats the URL, query (usersig) included; this one names the path only.
  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `no route ${request.method} ${pathOf(request.url)}` });
  });

  if (requestLogger) {
    const healthLines = logger?.isLevelEnabled('debug') === true;
    app.addHook('onResponse', (request, reply, done) => {
      const health = request.url === '/health';
      if (!health || healthLines) {
        const call = request.vendorCall;
        request.log[health ? 'debug' : 'info'](
          {
            method: request.method,
            path: pathOf(request.url),
            status: reply.statusCode,
            ms: Math.round(reply.elapsedTime * 100) / 100,
            ...(call && {
              sdkappid: call.app?.sdkappid,
              caller: call.caller,
              ...(call.accounts.length === 1 ? { account: call.accounts[0] } : call.accounts.length > 1 && { accounts: call.accounts.length }),
              errorCode: call.errorCode,
              fault: call.fault?.id,
            }),
          },
          'request',
        );
      }
      done();
    });
  }
  // A pending fault delay must not hold up close().
  app.addHook('preClose', (done) => {
    services.faults.close();
    done();
  });

  // Before the routes: @fastify/swagger collects them as they are added.
  app.register(swagger, apiDocsOptions(options));
  app.register(docsUi, { routePrefix: '/documentation' });
  app.register(fixturesPlugin);
  app.register(healthRoute);
  app.register(vendorPlugin, { prefix: '/v4', commands, ...services });
  app.register(controlPlugin, { prefix: '/__mock' });
  // Its onReady hook runs after every plugin, fixtures included: a saved state replaces them.
  persistState(app);
  return app;
}
