import Fastify, { type FastifyInstance } from 'fastify';
import accountImport from '../src/tim/v4/im_open_login_svc/account_import.js';
import { commandPath } from '../src/tim/command.js';
import { EnvelopeQuery } from '../src/tim/query.js';

/**
 * The ceiling: bare Fastify 5 with the emulator's account_import route path, its JSON body
 * and query schemas, and a fixed OK reply through the same reply schema. Nothing built on
 * Fastify answers this route faster.
 */
export function buildCeiling(): FastifyInstance {
  const app = Fastify({ logger: false });
  const OK = { ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0 };

  // The emulator reads any Content-Type as JSON; so does the ceiling.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, JSON.parse(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });

  app.post(commandPath(accountImport), { schema: { querystring: EnvelopeQuery, body: accountImport.body, response: { 200: accountImport.reply } } }, async () => OK);
  return app;
}
