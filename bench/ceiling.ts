import Fastify from 'fastify';
import accountImport from '../src/routes/v4/account-import.js';
import { EnvelopeQuery } from '../src/envelope/query.js';

/**
 * The ceiling: bare Fastify 5 with the emulator's account_import route path, its JSON body
 * and query schemas, and a fixed OK reply through the same reply schema. Nothing built on
 * Fastify answers this route faster. Bundled by bench/lib.ts so that it starts as plain JS.
 */
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

app.post(
  '/v4/im_open_login_svc/account_import',
  { schema: { querystring: EnvelopeQuery, body: accountImport.body, response: { 200: accountImport.reply } } },
  async () => OK,
);

await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
