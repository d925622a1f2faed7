import { createHash, timingSafeEqual } from 'node:crypto';
import { errorCodes, type FastifyError, type FastifyInstance } from 'fastify';
import sjson from 'secure-json-parse';
import { clientErrorStatus } from '../client-error.js';
import { accountsRoutes } from './accounts.js';
import { clockRoutes } from './clock.js';
import { faultsRoutes } from './faults.js';
import { journalRoutes } from './journal.js';
import { sendControlError } from './schemas.js';
import { resetRoute } from './reset.js';
import { stateRoutes } from './state.js';
import { usersigRoutes } from './usersig.js';
import { controlValidatorCompiler } from './validation.js';
import { pathOf } from '../url.js';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/** Compares a presented token in constant time (digests have one length whatever the input). */
function tokenChecker(token: string): (authorization: string | undefined) => boolean {
  const expected = digest(token);
  return (authorization) => {
    const match = authorization === undefined ? null : /^Bearer[ ]+(\S+)\s*$/i.exec(authorization);
    return match !== null && timingSafeEqual(digest(match[1] as string), expected);
  };
}

/** A control body that cannot be read; the error handler answers it as a 400 with its message. */
class ControlBodyError extends Error {
  readonly statusCode = 400;
}

/**
 * Reads a control body as JSON. A `__proto__` or `constructor.prototype` key is refused as
 * Fastify's own parser refuses it, but saying so: Fastify answers "Body is not valid JSON" for
 * valid JSON text. Fastify's wording stays for an empty body and for text that is not JSON.
 */
function parseControlJson(body: string): unknown {
  if (body.length === 0) throw new errorCodes.FST_ERR_CTP_EMPTY_JSON_BODY();
  try {
    return sjson.parse(body, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch {
    // Only the (rare) refused body is parsed twice, to tell which rule it broke.
    try {
      sjson.parse(body, undefined, { protoAction: 'ignore', constructorAction: 'ignore' });
    } catch {
      throw new errorCodes.FST_ERR_CTP_INVALID_JSON_BODY();
    }
    throw new ControlBodyError('the body has a key named __proto__ or constructor.prototype: such keys are not accepted');
  }
}

/**
 * The test-double control plane under /__mock: JSON in and out, TypeBox schemas on every
 * route. With a mock token set, every route here needs `Authorization: Bearer <token>`.
 */
export async function controlPlugin(app: FastifyInstance): Promise<void> {
  const token = app.mock.options.mockToken;
  if (token !== undefined) {
    const authorized = tokenChecker(token);
    app.addHook('onRequest', async (request, reply) => {
      if (!authorized(request.headers.authorization)) {
        reply.header('www-authenticate', 'Bearer');
        return sendControlError(reply, 401, 'this control route needs Authorization: Bearer <TIM_MOCK_TOKEN>');
      }
    });
  }

  app.removeContentTypeParser('application/json');
  // No bodyLimit here: the server's applies, or a route's own (PUT /__mock/state).
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseControlJson(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  app.setValidatorCompiler(controlValidatorCompiler);
  // Bad input is a 400 with a message; anything unexpected is logged and answered without
  // its stack or internals.
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = clientErrorStatus(error) ?? 500;
    if (status === 500) {
      request.server.mock.log.error({ reqId: request.id, err: error }, 'unexpected error on a control route');
      return sendControlError(reply, 500, 'internal error in the emulator; see its log');
    }
    return sendControlError(reply, status, error.message);
  });
  // Under the token hook too, so that an unknown /__mock path does not reveal which exist.
  app.setNotFoundHandler((request, reply) => sendControlError(reply, 404, `no control route ${request.method} ${pathOf(request.url)}`));

  await app.register(accountsRoutes);
  await app.register(faultsRoutes);
  await app.register(journalRoutes);
  await app.register(clockRoutes);
  await app.register(stateRoutes);
  await app.register(resetRoute);
  await app.register(usersigRoutes);
}
