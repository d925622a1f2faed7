import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import t from 'tap';

const run = promisify(execFile);

/**
 * A fresh process (the test runner loads modules of its own) starts the emulator, answers a
 * vendor call and says whether the certificate library is loaded; then asks for the CA and
 * says again. (node:tls and node:https are loaded by Fastify itself in any case.)
 */
const SCRIPT = `
const { createRequire } = await import('node:module');
const { startMockServer } = await import('./src/in-process.ts');
const cache = createRequire(import.meta.url).cache;
const loaded = () => ({
  x509: Object.keys(cache).some((file) => file.includes('@peculiar')),
  reflectMetadata: typeof Reflect.getMetadata === 'function',
});
const mock = await startMockServer();
const query = 'sdkappid=1400000001&identifier=administrator&usersig=x&contenttype=json';
const reply = await (await fetch(mock.url + '/v4/im_open_login_svc/account_import?' + query, { method: 'POST', body: '{"UserID":"p"}' })).json();
const plain = loaded();
await (await fetch(mock.url + '/__mock/tls/ca.pem')).text();
console.log(JSON.stringify({ errorCode: reply.ErrorCode, plain, afterCa: loaded() }));
await mock.close();
`;

t.test('a start without TLS does not load the certificate library; asking for the CA does', async (t) => {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', SCRIPT], { cwd: new URL('../..', import.meta.url).pathname });
  const seen = JSON.parse(stdout) as { errorCode: number; plain: Record<string, boolean>; afterCa: Record<string, boolean> };
  t.equal(seen.errorCode, 0);
  t.same(seen.plain, { x509: false, reflectMetadata: false }, 'a plain start');
  t.same(seen.afterCa, { x509: true, reflectMetadata: true }, 'after GET /__mock/tls/ca.pem');
});
