// The same job on bare Fastify 5: one route with a body schema and a Map, one call, close.
const started = performance.now();
const { bareApp } = await import('./bare-app.mjs');
const app = await bareApp();
const url = await app.listen({ port: 0, host: '127.0.0.1' });
const reply = await fetch(`${url}/v4/im_open_login_svc/account_import`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ UserID: 'startup' }),
});
if ((await reply.json()).ErrorCode !== 0) process.exit(1);
await app.close();
const { user, system } = process.cpuUsage();
process.stdout.write(JSON.stringify({ ms: performance.now() - started, cpuMs: (user + system) / 1000 }));
