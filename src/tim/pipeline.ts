import { isUtf8 } from 'node:buffer';
import fp from 'fastify-plugin';
import type { FastifyBaseLogger, FastifyError, FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import { unixSeconds } from '../model/clock.js';
import type { App } from '../model/apps.js';
import { parseBody, type JsonObject } from './body.js';
import { clientErrorStatus } from '../transport/client-error.js';
import { errorCodesDescription } from './check-order.js';
import { commandPath, type CommandCodes, type CommandContext, type VendorCommand } from './command.js';
import { Errors, VendorError, type VendorErrorEntry } from './errors.js';
import { injectFault, type FiredFault } from './fault-injection.js';
import { recordCall } from './record-call.js';
import { checkQuery, EnvelopeQuery, type Envelope } from './query.js';
import { failReply, okReply } from './reply.js';
import { replySerializer, type Serialize } from './reply-serializer.js';
import { lingerIfUnread } from '../transport/lingering-close.js';
import type { StubView } from '../services/stubs/registry.js';
import { clip } from '../shared/clip.js';
import { pathOf } from '../shared/url.js';

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
  /** The id of the user stub that answered the call, if one did. */
  stub: string | undefined;
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
  stub: undefined,
  startedAt: performance.now(),
});

/** Maps anything thrown on a /v4 route to a catalogue entry: the one place errors become replies. */
function entryFor(
  error: FastifyError | VendorError,
  request: FastifyRequest,
  log: FastifyBaseLogger,
): VendorErrorEntry {
  if (error instanceof VendorError) return error;
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return Errors.RequestFormat;
  if (clientErrorStatus(error) !== undefined) return Errors.HttpParse;
  log.error({ reqId: request.id, err: error }, 'unexpected error on a vendor route');
  return Errors.Internal;
}

/**
 * Serves the vendor commands under /v4 with the vendor's envelope, running the checks in the
 * order `checkOrder` states (check-order.ts): method and path (Fastify's routing), then per
 * call the steps below, numbered as there. Steps 2 to 4 run in onRequest, before Fastify reads
 * the body; 5 to 8 in the handler. Every answer is HTTP 200 and vendor-shaped, unless an armed
 * fault answers an HTTP status or drops the connection.
 */
async function vendorPipeline(instance: FastifyInstance, opts: VendorPluginOptions): Promise<void> {
  const { apps, store, limiter, clock, options, faults, journal, log, stubs } = instance.mock;
  const { profiles, messages, online, groups, friends, callbacks } = instance.mock;
  const record = (request: FastifyRequest, reply: FastifyReply) => recordCall(journal, log, request, reply);

  instance.decorateRequest('vendorCall', null);

  // The vendor's own examples call as `admin`; the emulator's default admin is `administrator`.
  // The first refusal of a non-admin caller per app says which admin is expected and how to change it.
  const adminWarned = new Set<number>();
  const refuseNonAdmin = (app: App, caller: string | undefined, entry: VendorErrorEntry): never => {
    if (!adminWarned.has(app.sdkappid)) {
      adminWarned.add(app.sdkappid);
      const setting = options.apps.length > 0 ? 'TIM_ADMIN (--admin), or the app\'s "admin" in the config file' : 'TIM_ADMIN (--admin)';
      // The caller is the client's text: cut as the journal cuts it, so the line stays small.
      const named = caller === undefined ? '' : clip(caller);
      log.warn(
        { sdkappid: app.sdkappid, caller: named, admin: app.admin, errorCode: entry.code },
        `app ${app.sdkappid}: identifier=${named} is not the app's admin, so the call is refused (${entry.code}) as the vendor refuses it; the emulator expects identifier=${app.admin}, which ${setting} changes (warned once per app)`,
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

  // Every /v4 answer is journalled as it is sent (a dropped connection, by the fault that
  // drops it): in onSend rather than onResponse, which would add `finish`/`error` listeners
  // to every request, and so that a test reading the journal right after a reply finds it.
  instance.addHook('onSend', (request, reply, payload, done) => {
    record(request, reply);
    done(null, payload);
  });

  // 1. Method and path: an unknown command is refused before its body is read, so even an
  // oversized one gets 60009. The hook lives in a child context that only the not-found handler uses, so that
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

  // 2. URL parameters: sdkappid, identifier, usersig, random, contenttype (query.ts).
  const checkUrlParameters = (request: FastifyRequest, codes: CommandCodes) =>
    checkQuery(request.query as Record<string, unknown>, codes, apps);

  // 3. UserSig (declared mode): decodable, identifier, sdkappid, HMAC, expiry (usersig.ts).
  const checkUserSig = ({ app, usersig, identifier }: Envelope) =>
    app.verifier?.verify(usersig, identifier, unixSeconds(clock));

  // 4. Rate limit: a token from the app's bucket for this command.
  const checkRateLimit = (app: App, command: VendorCommand) => {
    if (!limiter.take(app.sdkappid, command.command, app.rateLimit(command.command, command.defaultRateLimit))) {
      throw new VendorError(Errors.RateLimited);
    }
  };

  // 5. Body: UTF-8 (the content-type parser above), JSON, an object (body.ts).
  const readBody = (request: FastifyRequest, call: VendorCall, command: VendorCommand) => {
    const body = parseBody(request.body as string | undefined, command.codes.badRequest);
    call.body = body;
    call.accounts = command.accountsOf?.(body) ?? [];
    return body;
  };

  // 6. Admin: the caller must be the app's administrator.
  const checkAdmin = (call: VendorCall, app: App, codes: CommandCodes) => {
    if (call.caller !== app.admin) refuseNonAdmin(app, call.caller, codes.notAdmin);
  };

  // One route for every command, looked up by path: a route per command would make start-up
  // grow with the API (Fastify's route setup, schemas and hooks for each of some 110 paths).
  const byPath = new Map<string, { command: VendorCommand; path: string }>();
  for (const command of opts.commands) byPath.set(`${command.service}/${command.command}`, { command, path: commandPath(command) });
  const serializerOf = commandSerializers();
  // The route's wildcard, percent-decoded as Fastify matches static paths; but an encoded slash
  // would turn one segment into two, so a path holding one names no command.
  const routedOf = (request: FastifyRequest) =>
    ENCODED_SLASH.test(pathOf(request.url)) ? undefined : byPath.get((request.params as { '*': string })['*']);

  // Sent as text the command's reply schema serialized: fields the vendor does not send are left out.
  const send = (reply: FastifyReply, command: VendorCommand | undefined, payload: object) =>
    reply
      .header('content-type', JSON_TYPE)
      .send(command === undefined ? JSON.stringify(payload) : serializerOf(command)(payload));

  // 8. State: the command's effect on the store. Faults apply to valid calls only, just before
  // (stage "before") or just after (stage "after") the state change.
  // The origin is made only for an app with a callback URL: most calls need none.
  const newContext = (app: App, request: FastifyRequest): CommandContext => {
    const hooks = callbacks.hooksFor(app, () => ({ clientIp: request.ip, optPlatform: 'RESTAPI' }));
    return { app, caller: app.admin, store, clock, profiles, messages, online, groups, friends, callbacks: hooks };
  };
  // An app without a callback URL has the same context on every call: made on its first, not per call.
  const quietContexts = new WeakMap<App, CommandContext>();
  const contextOf = (app: App, request: FastifyRequest): CommandContext => {
    if (app.settings.callbackUrl !== null) return newContext(app, request);
    let ctx = quietContexts.get(app);
    if (ctx === undefined) quietContexts.set(app, (ctx = newContext(app, request)));
    return ctx;
  };
  const applyToState = (command: VendorCommand, ctx: CommandContext, input: unknown): object | undefined =>
    command.execute(ctx, input) ?? undefined;
  const applyWithFaults = async (
    request: FastifyRequest,
    reply: FastifyReply,
    command: VendorCommand,
    ctx: CommandContext,
    input: unknown,
  ) => {
    const path = (request.vendorCall as VendorCall).path as string;
    const own = command.codes.own;
    if (await injectFault(faults, 'before', path, request, reply, own, record)) return reply;
    const extra = applyToState(command, ctx, input);
    if (await injectFault(faults, 'after', path, request, reply, own, record)) return reply;
    return send(reply, command, okReply(extra));
  };

  // The user's reply, sent as the user wrote it: the command's serializer would drop its other fields.
  const answerWithStub = (reply: FastifyReply, call: VendorCall, stub: StubView) => {
    call.stub = stub.id;
    call.errorCode = stub.reply.ErrorCode as number;
    reply.header('content-type', JSON_TYPE);
    const text = JSON.stringify(stub.reply);
    if (stub.delayMs === undefined || stub.delayMs === 0) return reply.send(text);
    return faults.delay(stub.delayMs).then(() => reply.send(text));
  };

  instance.setErrorHandler((error: FastifyError | VendorError, request, reply) => {
    lingerIfUnread(request.raw, options.requestTimeout);
    const entry = entryFor(error, request, log);
    const call = (request.vendorCall ??= newCall());
    call.errorCode = entry.code;
    send(reply.code(200), call.command, { ...failReply(entry), ...call.command?.failFields });
  });

  const beforeBody: onRequestHookHandler = (request, _reply, done) => {
    const routed = routedOf(request);
    if (routed === undefined) {
      request.vendorCall = newCall();
      done(new VendorError(Errors.UnknownCommand));
      return;
    }
    const { command } = routed;
    const call = (request.vendorCall = newCall(command, routed.path));
    // The vendor ignores Content-Type; without the header, Fastify hands even a malformed
    // one's body to the catch-all parser instead of answering 415. Assigned, not deleted: a
    // delete turns the headers object into a slow dictionary for the rest of the request.
    request.headers['content-type'] = undefined;
    try {
      const envelope = checkUrlParameters(request, command.codes);
      call.app = envelope.app;
      call.caller = envelope.identifier;
      checkUserSig(envelope);
      checkRateLimit(envelope.app, command);
      done();
    } catch (error) {
      done(error as VendorError);
    }
  };

  instance.route({
    method: 'POST',
    url: '/*',
    // Described per command in the OpenAPI document (describeCommands), not as this catch-all.
    schema: { hide: true },
    onRequest: beforeBody,
    // Synchronous unless a fault is armed or a stub waits: no promise and no extra tick on the common path.
    handler: (request: FastifyRequest, reply: FastifyReply) => {
      const call = request.vendorCall as VendorCall;
      const command = call.command as VendorCommand;
      const app = call.app as App;
      const body = readBody(request, call, command);
      checkAdmin(call, app, command.codes);
      // A user stub answers in the command's place, emulated or not (its fields unchecked).
      const stub = stubs.size > 0 ? stubs.match(call.path as string, body) : undefined;
      if (stub !== undefined) return answerWithStub(reply, call, stub);
      // 7. Fields: the command's own rules, in the vendor's order.
      const input = command.parse(body);
      const ctx = contextOf(app, request);
      // Callbacks (issue 28): a before-callback the app has on is awaited, and may rewrite or refuse the call.
      const decided = command.before?.(ctx, input);
      if (decided !== undefined) {
        return decided.then((decidedInput) =>
          faults.live
            ? applyWithFaults(request, reply, command, ctx, decidedInput)
            : send(reply, command, okReply(applyToState(command, ctx, decidedInput))),
        );
      }
      if (faults.live) return applyWithFaults(request, reply, command, ctx, input);
      return send(reply, command, okReply(applyToState(command, ctx, input)));
    },
  });

  // 1. Method and path, for every other method Fastify routes (HEAD comes with GET). Answered
  // before the body is read: 60008 for a command's path, 60009 for any other.
  instance.route({
    method: instance.supportedMethods.filter((m) => m !== 'POST' && m !== 'HEAD'),
    url: '/*',
    schema: { hide: true },
    onRequest: (request, _reply, done) => {
      const routed = routedOf(request);
      request.vendorCall = newCall(routed?.command, routed?.path);
      done(routed === undefined ? new VendorError(Errors.UnknownCommand) : new VendorError(Errors.RequestFormat, 'vendor commands take POST only'));
    },
    // A route needs a handler; onRequest has always answered before it.
    handler: async () => {
      throw new VendorError(Errors.UnknownCommand);
    },
  });
}

const JSON_TYPE = 'application/json; charset=utf-8';
const ENCODED_SLASH = /%2f/i;

/**
 * Each command's reply serializer (reply-serializer.ts, from its reply schema), made on the
 * command's first answer: a run pays only for the commands it calls.
 */
function commandSerializers(): (command: VendorCommand) => Serialize {
  const made = new Map<VendorCommand, Serialize>();
  return (command) => {
    let serialize = made.get(command);
    if (serialize === undefined) {
      serialize = replySerializer(command.reply);
      made.set(command, serialize);
    }
    return serialize;
  };
}

/**
 * The commands as the OpenAPI document describes them, one POST operation each, though one
 * route serves them all. Built when the document is first asked for.
 */
export const describeCommands = (commands: readonly VendorCommand<any, any>[]) =>
  commands.map((command) => ({
    method: 'POST' as const,
    url: commandPath(command),
    schema: {
      summary: command.summary,
      description: errorCodesDescription(command.codes),
      tags: ['vendor'],
      querystring: EnvelopeQuery,
      body: command.body,
      response: { 200: command.reply },
    },
  }));

/** The /v4 pipeline as an encapsulated plugin: its error handler and body parser stay under /v4. */
export const vendorPlugin = fp(vendorPipeline, {
  name: 'vendor-pipeline',
  fastify: '5.x',
  encapsulate: true,
  dependencies: ['mock-services'],
});
