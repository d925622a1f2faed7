// Bare Fastify 5 doing the emulator's job at its simplest: one route with a body schema and a Map.
// The reference of bench:startup, in process (bare.mjs) and as a server (bare-server.mjs).
export async function bareApp() {
  const { default: Fastify } = await import('fastify');
  const accounts = new Map();
  const app = Fastify({ logger: false });
  app.post('/v4/im_open_login_svc/account_import', {
    schema: { body: { type: 'object', required: ['UserID'], properties: { UserID: { type: 'string', maxLength: 32 } } } },
  }, async (request) => {
    accounts.set(request.body.UserID, request.body);
    return { ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0 };
  });
  return app;
}
