import { isUtf8 } from 'node:buffer';
import type { FastifyBaseLogger, FastifyError, FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import type { AccountStore } from '../accounts/store.js';
import { unixSeconds, type Clock } from '../clock.js';
import type { MockOptions } from '../config.js';
import type { App, AppRegistry } from './apps.js';
import { parseBody, type JsonObject } from './body.js';
import { clientErrorStatus } from '../client-error.js';
import { commandPath, type CommandContext, type VendorCommand } from './command.js';
import { Errors, VendorError, type VendorErrorEntry } from './errors.js';
import { injectFault, type FiredFault } from '../faults/inject.js';
import type { FaultRegistry } from '../faults/registry.js';
import { recordCall } from '../journal/record-call.js';
import { checkQuery, EnvelopeQuery } from './query.js';
import type { RateLimiter } from './rate-limit.js';
import { failReply, okReply } from './reply.js';

/** What the emulator learned about one /v4 call, for the log line and the journal. */
export interface VendorCall {
  command: VendorCommand | undefined;
  /** The command's path when the call was routed to one: a string of its own, not a slice of the URL. */
  path: string | undefined;
  app: App | undefined;
  caller: string | undefined;
  /** The accounts the body names (one for the single-account commands, up to 100 for batches). */
  accounts: readonly string[];
  body: JsonObject | undefined;
  errorCode: number;
  /** The fault that answered or delayed the call, if one did. */
  fault: FiredFault | undefined;
  /** performance.now() when the call arrived, for the journal's durationMs. */
  startedAt: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    vendorCall: VendorCall | null;
  }
}

export interface VendorPluginOptions {
  commands: readonly VendorCommand<any, any>[];
  apps: AppRegistry;
  store: AccountStore;
  limiter: RateLimiter;
  clock: Clock;
  options: MockOptions;
  faults: FaultRegistry;
  log: FastifyBaseLogger;
}

/** The codes a command can answer, in the order of the checks, for its OpenAPI description. */
function errorCodesDescription({ codes }: VendorCommand): string {
  const E = Errors;
  const entries = [
    ...[E.SdkAppIdRequired, codes.invalidSdkAppId, E.AccountOrSig, E.HttpParse],
    ...[E.SigInvalid, E.SigIdentifierMismatch, E.SigSdkAppIdMismatch, E.SigMismatch, E.SigExpired, E.RateLimited],
    ...[E.JsonParse, E.RequestFormat, codes.badRequest, codes.notAdmin, ...codes.own, E.Internal],
  ];
  const lines = new Set(entries.map((e) => `- ${e.code}: ${e.info}`));
  return `Always HTTP 200; ErrorCode 0 is success. Error codes (UserSig codes in declared mode only):\n${[...lines].join('\n')}`;
}

const newCall = (command?: VendorCommand, path?: string): VendorCall => ({
  command,
  path,
  app: undefined,
  caller: undefined,
  accounts: [],
  body: undefined,
  errorCode: 0,
  fault: undefined,
  startedAt: performance.now(),
});

/** Maps anything thrown on a /v4 route to a catalogue entry: the one place errors become replies. */
function entryFor(error: FastifyError | VendorError, request: FastifyRequest, log: FastifyBaseLogger): VendorErrorEntry {
  if (error instanceof VendorError) return error;
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return Errors.RequestFormat;
  if (clientErrorStatus(error) !== undefined) return Errors.HttpParse;
  log.error({ reqId: request.id, err: error }, 'unexpected error on a vendor route');
  return Errors.Internal;
}

/**
 * Serves the vendor commands under /v4 with the vendor's envelope. Checks run in the order
 * URL parameters, UserSig, rate limit (before the body is read), then body JSON, admin,
 * fields and state. Every answer is HTTP 200 and vendor-shaped, unless an armed fault
 * answers an HTTP status or drops the connection.
 */
export async function vendorPlugin(instance: FastifyInstance, opts: VendorPluginOptions): Promise<void> {
  const { apps, store, limiter, clock, options, faults, log } = opts;

  instance.decorateRequest('vendorCall', null);

  // The vendor's own examples call as `admin`; the emulator's default admin is `administrator`.
  // The first refusal of a non-admin caller per app says which admin is expected and how to change it.
  const adminWarned = new Set<number>();
  const refuseNonAdmin = (app: App, caller: string | undefined, entry: VendorErrorEntry): never => {
    if (!adminWarned.has(app.sdkappid)) {
      adminWarned.add(app.sdkappid);
      const setting = options.apps.length > 0 ? 'TIM_ADMIN (--admin), or the app\'s "admin" in the config file' : 'TIM_ADMIN (--admin)';
      log.warn(
        { sdkappid: app.sdkappid, caller, admin: app.admin, errorCode: entry.code },
        `app ${app.sdkappid}: identifier=${caller ?? ''} is not the app's admin, so the call is refused (${entry.code}) as the vendor refuses it; the emulator expects identifier=${app.admin}, which ${setting} changes (warned once per app)`,
      );
    }
    throw new VendorError(entry);
  };

  // The vendor reads the body as JSON whatever the Content-Type says (SDKs send none, or
  // text/plain), so every type is taken as text and parsed in vendor order by the handler.
  // JSON text is UTF-8 (RFC 8259): other bytes are refused rather than stored as U+FFFD.
  instance.removeAllContentTypeParsers();
  instance.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: options.bodyLimit }, (_request, body: Buffer, done) => {
    // toString() without an encoding argument is Node's UTF-8 fast path.
    if (isUtf8(body)) done(null, body.toString());
    else done(new VendorError(Errors.JsonParse, 'the body is not UTF-8'));
  });

  instance.setErrorHandler((error: FastifyError | VendorError, request, reply) => {
    const entry = entryFor(error, request, log);
    (request.vendorCall ??= newCall()).errorCode = entry.code;
    reply.code(200).send(failReply(entry));
  });

  // Every /v4 answer is journalled as it is sent (a dropped connection, by the fault that
  // drops it): in onSend rather than onResponse, which would add `finish`/`error` listeners
  // to every request, and so that a test reading the journal right after a reply finds it.
  instance.addHook('onSend', (request, reply, payload, done) => {
    recordCall(request, reply);
    done(null, payload);
  });

  // An unknown command is refused before its body is read, so even an oversized one gets
  // 60009. The hook lives in a child context that only the not-found handler uses, so that
  // the commands' own calls do not run it.
  instance.register(async (unknownCommands) => {
    unknownCommands.addHook('onRequest', (request, _reply, done) => {
      request.vendorCall = newCall();
      done(new VendorError(Errors.UnknownCommand));
    });
    unknownCommands.setNotFoundHandler(() => {
      throw new VendorError(Errors.UnknownCommand);
    });
  });

  for (const command of opts.commands) {
    const { codes } = command;
    const fullPath = commandPath(command);
    // Mounted under the /v4 prefix, so that the not-found handler answers only there.
    const path = fullPath.slice('/v4'.length);

    const checkEnvelope: onRequestHookHandler = (request, _reply, done) => {
      const call = (request.vendorCall = newCall(command, fullPath));
      // The vendor ignores Content-Type; without the header, Fastify hands even a malformed
      // one's body to the catch-all parser instead of answering 415. Assigned, not deleted: a
      // delete turns the headers object into a slow dictionary for the rest of the request.
      request.headers['content-type'] = undefined;
      try {
        const envelope = checkQuery(request.query as Record<string, unknown>, codes, apps);
        call.app = envelope.app;
        call.caller = envelope.identifier;
        envelope.app.verifier?.verify(envelope.usersig, envelope.identifier, unixSeconds(clock));
        if (!limiter.take(envelope.app.sdkappid, command.command, envelope.app.rateLimit(command.command, command.defaultRateLimit))) {
          throw new VendorError(Errors.RateLimited);
        }
        done();
      } catch (error) {
        done(error as VendorError);
      }
    };

    const execute = (app: App, input: unknown): object | undefined => {
      const ctx: CommandContext = { app, caller: app.admin, store, clock, options };
      return command.execute(ctx, input) ?? undefined;
    };

    // Faults apply to valid calls only, just before (stage "before") or just after (stage
    // "after") the state change.
    const answerWithFaults = async (request: FastifyRequest, reply: FastifyReply, app: App, input: unknown) => {
      if (await injectFault(faults, 'before', fullPath, request, reply, codes.own)) return reply;
      const extra = execute(app, input);
      if (await injectFault(faults, 'after', fullPath, request, reply, codes.own)) return reply;
      return okReply(extra);
    };

    instance.route({
      method: 'POST',
      url: path,
      onRequest: checkEnvelope,
      // Fields are checked by the command in vendor order, not by Fastify's validator.
      validatorCompiler: () => () => true,
      schema: {
        summary: command.summary,
        description: errorCodesDescription(command),
        tags: ['vendor'],
        querystring: EnvelopeQuery,
        body: command.body,
        response: { 200: command.reply },
      },
      // Synchronous unless a fault is armed: no promise and no extra tick on the common path.
      handler: (request: FastifyRequest, reply: FastifyReply) => {
        const call = request.vendorCall as VendorCall;
        const app = call.app as App;
        const body = parseBody(request.body as string | undefined, codes.badRequest);
        call.body = body;
        call.accounts = command.accountsOf?.(body) ?? [];
        if (call.caller !== app.admin) refuseNonAdmin(app, call.caller, codes.notAdmin);
        const input = command.parse(body);
        return faults.live ? answerWithFaults(request, reply, app, input) : okReply(execute(app, input));
      },
    });

    instance.route({
      // Every other method Fastify routes; HEAD comes with GET.
      method: instance.supportedMethods.filter((m) => m !== 'POST' && m !== 'HEAD'),
      url: path,
      // Answers 60008 to non-POST methods; not an operation worth documenting.
      schema: { hide: true },
      handler: async (request) => {
        request.vendorCall = newCall(command, fullPath);
        throw new VendorError(Errors.RequestFormat, 'vendor commands take POST only');
      },
    });
  }
}

