import { createHash, timingSafeEqual } from 'node:crypto';
import { errorCodes, type FastifyError, type FastifyInstance, type FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { clientErrorStatus } from '../transport/client-error.js';
import { accountsRoutes } from './accounts.js';
import { appsRoutes } from './apps.js';
import { clockRoutes } from './clock.js';
import { conversationRoutes } from './conversations.js';
import { codesRoutes } from './codes.js';
import { faultsRoutes } from './faults.js';
import { journalRoutes } from './journal.js';
import { sendControlError } from './schemas.js';
import { relationsRoutes } from './relations.js';
import { resetRoute } from './reset.js';
import { stateRoutes } from './state.js';
import { tlsRoutes } from './tls.js';
import { usersigRoutes } from './usersig.js';
import { stubsRoutes } from './stubs.js';
import { coverageRoutes } from './coverage.js';
import { callbacksRoutes } from './callbacks.js';
import { controlValidatorCompiler } from './validation.js';
import { lingerIfUnread } from '../transport/lingering-close.js';
import { ForbiddenKeyError } from '../shared/mock-errors.js';
import { pathOf } from '../shared/url.js';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/** Compares a presented token in constant time: digests have one length whatever the input's. */
function tokenChecker(token: string): (presented: string) => boolean {
  const expected = digest(token);
  return (presented) => timingSafeEqual(digest(presented), expected);
}

/**
 * Whether a request comes from a page of another site: a browser names the page's origin in
 * `Origin`, and the emulator's own (a page it serves, over HTTP or HTTPS) is its Host header.
 * No Origin (curl, test code) is not a browser's cross-site request.
 */
function fromAnotherSite(origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined) return false;
  if (host === undefined) return true;
  const own = origin.toLowerCase();
  const authority = host.toLowerCase();
  return own !== `http://${authority}` && own !== `https://${authority}`;
}

/** The parser getDefaultJsonParser returns takes a callback (its type also allows a promise). */
type CallbackParser = (
  request: FastifyRequest,
  body: string,
  done: (error: Error | null, parsed?: unknown) => void,
) => void;

const UNAUTHORIZED = 'this control route needs Authorization: Bearer <TIM_MOCK_TOKEN>';

/** Whether a text is JSON, whatever keys it has (JSON.parse makes `__proto__` an own key, harmlessly). */
function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * The test-double control plane under /__mock: JSON in and out, TypeBox schemas on every
 * route. With a mock token set, every route here needs `Authorization: Bearer <token>`.
 */
async function controlPlane(app: FastifyInstance): Promise<void> {
  const { options, log } = app.mock;
  // Before the token: no web page a developer visits may drive their emulator, token or not.
  app.addHook('onRequest', async (request, reply) => {
    if (fromAnotherSite(request.headers.origin, request.headers.host)) {
      return sendControlError(reply, 403, 'a browser page of another site (its Origin is not this emulator) cannot use the control plane');
    }
  });
  const token = options.mockToken;
  if (token !== undefined) {
    // The scheme's case is ignored (RFC 6749); a refusal reaches the error handler below, which
    // answers it in the control plane's one error shape, without logging it. Loaded only when a
    // token is set, so an open control plane does not pay for it at start.
    const { default: bearerAuth } = await import('@fastify/bearer-auth');
    await app.register(bearerAuth, {
      keys: new Set<string>(),
      auth: tokenChecker(token),
      specCompliance: 'rfc6749',
      addHook: false,
      // Refusals are answered, not logged, below trace: the plugin's message names no token.
      verifyErrorLogLevel: 'trace',
    });
    // With addHook false the plugin always decorates it; its type says it may not.
    app.addHook('onRequest', app.verifyBearerAuth as NonNullable<typeof app.verifyBearerAuth>);
  }

  // JSON only: Fastify's own text/plain parser would hand a string to the schemas (a 400).
  app.removeAllContentTypeParsers();
  // Fastify's own JSON parser, which refuses a `__proto__` or `constructor.prototype` key, but with
  // the error it gives text that is not JSON ("Body is not valid JSON", without a cause). Only a
  // refused text is read again, to say so when the keys were the reason. No bodyLimit here: the
  // server's applies, or a route's own (PUT /__mock/state).
  const fastifyJson = app.getDefaultJsonParser('error', 'error') as CallbackParser;
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    fastifyJson(request, body as string, (error, parsed) => {
      const forbiddenKey = error instanceof errorCodes.FST_ERR_CTP_INVALID_JSON_BODY && isJson(body as string);
      done(forbiddenKey ? new ForbiddenKeyError() : error, parsed);
    });
  });
  app.setValidatorCompiler(controlValidatorCompiler);
  // Bad input is a 400 with a message; anything unexpected is logged and answered without
  // its stack or internals.
  app.setErrorHandler((error: FastifyError, request, reply) => {
    lingerIfUnread(request.raw, options.requestTimeout);
    const status = clientErrorStatus(error) ?? 500;
    if (status === 401) {
      reply.header('www-authenticate', 'Bearer');
      return sendControlError(reply, 401, UNAUTHORIZED);
    }
    if (status === 500) {
      log.error({ reqId: request.id, err: error }, 'unexpected error on a control route');
      return sendControlError(reply, 500, 'internal error in the emulator; see its log');
    }
    return sendControlError(reply, status, error.message);
  });
  // Under the token hook too, so that an unknown /__mock path does not reveal which exist.
  app.setNotFoundHandler((request, reply) => sendControlError(reply, 404, `no control route ${request.method} ${pathOf(request.url)}`));

  // Called, not registered: none adds a hook or a decorator of its own, and a plugin each would
  // cost the start a round of Fastify's plugin loading for every group of routes.
  const routes = app.withTypeProvider<TypeBoxTypeProvider>();
  for (const add of [
    accountsRoutes,
    appsRoutes,
    faultsRoutes,
    journalRoutes,
    clockRoutes,
    stateRoutes,
    codesRoutes,
    tlsRoutes,
    resetRoute,
    usersigRoutes,
    conversationRoutes,
    relationsRoutes,
    stubsRoutes,
    coverageRoutes,
    callbacksRoutes,
  ]) {
    await add(routes, {});
  }
}

export const controlPlugin = fp(controlPlane, { name: 'control-plane', fastify: '5.x', encapsulate: true, decorators: { fastify: ['mock'] } });
