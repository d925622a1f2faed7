// Bare Fastify 5 as a server doing the emulator's job at its simplest: one route with a body
// schema and a Map, listening on PORT until killed. The CLI cold start's reference.
import Fastify from 'fastify';

const accounts = new Map();
const app = Fastify({ logger: false });
app.post('/v4/im_open_login_svc/account_import', {
  schema: { body: { type: 'object', required: ['UserID'], properties: { UserID: { type: 'string', maxLength: 32 } } } },
}, async (request) => {
  accounts.set(request.body.UserID, request.body);
  return { ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0 };
});
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
