const started = performance.now();
await import('../../dist/index.js');
const { default: Fastify } = await import('fastify');
const accounts = new Map();
const app = Fastify({ logger: false });
app.post('/v4/im_open_login_svc/account_import', {
  schema: { body: { type: 'object', required: ['UserID'], properties: { UserID: { type: 'string', maxLength: 32 } } } },
}, async (request) => {
  accounts.set(request.body.UserID, request.body);
  return { ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0 };
});
const url = await app.listen({ port: 0, host: '127.0.0.1' });
const reply = await fetch(`${url}/v4/im_open_login_svc/account_import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ UserID: 'startup' }) });
if ((await reply.json()).ErrorCode !== 0) process.exit(1);
await app.close();
const { user, system } = process.cpuUsage();
process.stdout.write(JSON.stringify({ ms: performance.now() - started, cpuMs: (user + system) / 1000 }));
