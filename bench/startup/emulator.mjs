// One in-process start as a user's test file pays it: import the package, start, one call, close.
const started = performance.now();
const { startMockServer } = await import('../../dist/index.js');
const mock = await startMockServer({ port: 0 });
const query = 'sdkappid=1400000001&identifier=administrator&usersig=x&random=1&contenttype=json';
const reply = await fetch(`${mock.url}/v4/im_open_login_svc/account_import?${query}`, {
  method: 'POST',
  body: JSON.stringify({ UserID: 'startup' }),
});
if ((await reply.json()).ErrorCode !== 0) process.exit(1);
await mock.close();
const { user, system } = process.cpuUsage();
process.stdout.write(JSON.stringify({ ms: performance.now() - started, cpuMs: (user + system) / 1000 }));
