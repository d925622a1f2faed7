import { writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { DestinationStream, Logger, pino as createPino } from 'pino';
import type { PrettyOptions } from 'pino-pretty';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { clientErrorHandler, clientErrorStatus } from './transport/client-error.js';
import { checkRateLimitNames, resolveOptions } from './config/settings.js';
import { type MockOptions } from './config/options.js';
import { Errors } from './tim/errors.js';
import { describeCommands, vendorPlugin } from './tim/pipeline.js';
import { failReply } from './tim/reply.js';
import { commandPath } from './tim/command.js';
import { clip, PATH_MAX } from './shared/clip.js';
import { commands as emulatedCommands } from './tim/v4/index.js';
import { servedCommands } from './tim/catalogue/index.js';
import { controlGate } from './control/gate.js';
import { healthRoute } from './control/health.js';
import { apiDocsOptions } from './control/openapi.js';
import { docsUiPlugin } from './control/docs-ui.js';
import { dashboardPlugin } from './dashboard/plugin.js';
import { fixturesPlugin } from './services/fixtures/load.js';
import { lazySerializers, lazyValidators } from './shared/serializers.js';
import { createMockServices, servicesPlugin } from './services/plugin.js';
import { statePlugin } from './services/state-file/persistence.js';
import { lingerIfUnread } from './transport/lingering-close.js';
import { httpRules, noSniff } from './transport/request-rules.js';
import { notFound, pathOf } from './shared/url.js';
import { createHttpServer } from './transport/http-server.js';
import { VENDOR_HOSTS } from './transport/hosts.js';
import { loadStubFiles } from './services/stubs/files.js';
import { requestLogs } from './shared/request-log.js';

/**
 * Secrets never reach a log line: every line is built from fields picked for it, the query
 * (usersig) is cut off, and these paths are censored as a second guard. Exact paths, one per
 * place a secret could sit: wildcards (`*.usersig`) make pino's redaction several times dearer
 * per line (docs/benchmark-history.md).
 */
const SECRET_FIELDS = ['usersig', 'Password', 'password', 'secretKey', 'passwordHash', 'mockToken', 'callbackToken'];
const REDACT = [
  'req.headers.authorization',
  ...SECRET_FIELDS,
  ...['query', 'body', 'options'].flatMap((container) => SECRET_FIELDS.map((field) => `${container}.${field}`)),
];

const require = createRequire(import.meta.url);

/**
 * The emulator's logger, or undefined when it logs nothing. pino is loaded only then: in-process
 * use without a log need not pay for importing it.
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
 * pino-pretty's formatter in front of the log's destination: each JSON line is made readable and
 * written where a JSON line would have gone (the CLI's bounded stdout, or stdout itself, written
 * synchronously so that a line logged just before an exit is not lost); coloured on a terminal only.
 */
function prettyStream(destination: DestinationStream | undefined): DestinationStream {
  const { prettyFactory } = require('pino-pretty') as { prettyFactory: (options: PrettyOptions) => (line: string) => string };
  const prettify = prettyFactory({
    colorize: destination === undefined && process.stdout.isTTY === true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname',
    singleLine: true,
  });
  const out = destination ?? { write: (text: string) => writeSync(1, text) };
  return { write: (line: string) => out.write(prettify(line)) };
}

/**
 * A URL Fastify cannot decode (a bad percent-escape) never reaches a route. Under /v4 it is
 * answered like the vendor's other URL errors (60002); elsewhere with a plain 400. Neither
 * echoes the URL, whose query holds the usersig.
 */
function frameworkErrors(_error: Error, request: FastifyRequest, reply: FastifyReply): void {
  // Before the hooks, which mark every other reply.
  noSniff(reply);
  if (request.url.startsWith('/v4/')) {
    reply.code(200).send(failReply(Errors.HttpParse));
  } else {
    reply.code(400).send({ statusCode: 400, error: 'Bad Request', message: 'the URL is not valid (a bad percent-escape?)' });
  }
}

/** The emulator's Fastify instance, typed by its routes' TypeBox schemas. */
export type MockFastifyInstance =
  FastifyInstance<Server, IncomingMessage, ServerResponse, FastifyBaseLogger, TypeBoxTypeProvider>;

/** Builds the emulator as a Fastify instance; `inject` works on it without a port. */
export function buildApp(input: Partial<MockOptions> = {}): MockFastifyInstance {
  const options = resolveOptions(input);
  const commands = servedCommands(emulatedCommands, { refuse: options.unemulated === 'refuse' });
  checkRateLimitNames(options, commands.map((c) => c.command));
  const logger = createLogger(options);
  // The app's instance and the control plane's (built on its first request) are set up alike.
  const instanceOptions = () => ({
    // One logger for Fastify and the emulator, but not handed to Fastify as its logger: with
    // one, Fastify adds response listeners and a pino child to every request, though at `warn`
    // no request writes a line. It is set as the instance's `log` instead (withLog), which the
    // services log through, and each request's log binds its id only when a line is written.
    // One line per request is written by the onResponse hook below, with secrets left out.
    logger: false,
    ...(logger && { childLoggerFactory: requestLogs(logger) }),
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: options.bodyLimit,
    schemaController: { compilersFactory: { buildSerializer: lazySerializers, buildValidator: lazyValidators } },
    frameworkErrors,
  });
  // `log` is a plain property of a Fastify instance, which its plugins' instances inherit.
  const withLog = <T extends FastifyInstance>(instance: T): T => {
    if (logger) instance.log = logger;
    return instance;
  };
  const app = withLog(Fastify({
    ...instanceOptions(),
    clientErrorHandler,
    // The HTTP port's server, with the proxy mode beside Fastify's handler; the connection
    // settings (timeouts, header size) are in serverOptions, shared with the HTTPS port.
    serverFactory: (handler) => createHttpServer(handler, options, () => services.reach),
  })).withTypeProvider<TypeBoxTypeProvider>();

  const served = commands.map((c) => ({
    command: c.command,
    path: commandPath(c),
    section: c.section ?? 'account',
    served: c.served ?? 'emulated',
    defaultRateLimit: c.defaultRateLimit,
    codes: [c.codes.badRequest, c.codes.invalidSdkAppId, c.codes.notAdmin, ...c.codes.own],
  }));
  const services = createMockServices({ app, options, commands: served });
  app.decorate('mock', services);
  if (options.stubsDir !== undefined) {
    loadStubFiles(options.stubsDir, [...VENDOR_HOSTS, ...options.tlsHosts], services.stubs);
  }

  // /v4 and /__mock have their own error handlers; elsewhere (/health, /documentation) errors
  // are answered as Fastify answers them, and an unexpected one is logged, which Fastify itself
  // does not do with request logging off.
  app.setErrorHandler((error: FastifyError, request, reply) => {
    lingerIfUnread(request.raw, options.requestTimeout);
    if (clientErrorStatus(error) === undefined) {
      services.log.error({ reqId: request.id, err: error }, 'unexpected error');
    }
    reply.send(error);
  });

  app.setNotFoundHandler(notFound);

  // The level is fixed for the process: at `warn` and above no request writes this line, and
  // the hook would only cost every request its response listeners.
  if (logger?.isLevelEnabled('info')) {
    app.addHook('onResponse', (request, reply, done) => {
      const call = request.vendorCall;
      // Health checks come every few seconds from a container runtime: at debug only.
      // Written by the emulator's logger itself, the request id among the fields: a request's
      // own logger would make a pino child for every line.
      logger[request.url === '/health' ? 'debug' : 'info'](
        {
          reqId: request.id,
          method: request.method,
          host: request.headers.host,
          // Client strings are cut as the journal cuts them, so a line stays a few KB at most.
          path: clip(pathOf(request.url), PATH_MAX),
          status: reply.statusCode,
          ms: Math.round(reply.elapsedTime * 100) / 100,
          ...(call && {
            sdkappid: call.app?.sdkappid,
            caller: call.caller === undefined ? undefined : clip(call.caller),
            ...(call.accounts.length === 1
              ? { account: clip(call.accounts[0] as string) }
              : call.accounts.length > 1 && { accounts: call.accounts.length }),
            errorCode: call.errorCode,
            fault: call.fault?.id,
          }),
        },
        'request',
      );
      done();
    });
  }
  httpRules(app);
  app.register(servicesPlugin);
  // Before the routes: the docs record them as they are added.
  const control = controlGate();
  app.register(docsUiPlugin, {
    routePrefix: '/documentation',
    swagger: apiDocsOptions(options),
    operations: async () => [...describeCommands(commands), ...(await control.routes())],
  });
  app.register(fixturesPlugin);
  app.register(statePlugin);
  app.register(healthRoute);
  app.register(vendorPlugin, { prefix: '/v4', commands });
  app.register(control.plugin, { instance: (extra) => withLog(Fastify({ ...instanceOptions(), ...extra })) });
  // Resolved here because this module sits at src/ depth, as the bundles sit in dist/: the build
  // copies src/dashboard/assets to dist/dashboard/assets, so one URL serves from both.
  app.register(dashboardPlugin, { assets: new URL('./dashboard/assets/', import.meta.url) });
  return app;
}
