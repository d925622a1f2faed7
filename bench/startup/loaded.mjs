// Starts the emulator from dist/ as a plain in-process start does (one call, close), then prints
// the package of every module the process loaded, CommonJS and ESM alike, as a JSON array.
import { createRequire, register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';

const { port1, port2 } = new MessageChannel();
const esm = new Set();
port1.on('message', (url) => esm.add(url));
port1.unref();
register('./record-loads.mjs', { parentURL: import.meta.url, data: { port: port2 }, transferList: [port2] });

const { startMockServer } = await import('../../dist/index.js');
const mock = await startMockServer({ port: 0 });
const query = 'sdkappid=1400000001&identifier=administrator&usersig=x&random=1&contenttype=json';
await fetch(`${mock.url}/v4/im_open_login_svc/account_check?${query}`, {
  method: 'POST',
  body: JSON.stringify({ CheckItem: [{ UserID: 'a' }] }),
});
await mock.close();
// The hooks' messages arrive on the event loop: one turn lets the last ones in.
await new Promise((resolve) => setImmediate(resolve));
const files = [...Object.keys(createRequire(import.meta.url).cache), ...esm];
const packageOf = (file) => {
  const rest = file.split('/node_modules/').pop();
  return rest.split('/').slice(0, rest.startsWith('@') ? 2 : 1).join('/');
};
const packages = new Set(files.filter((f) => f.includes('/node_modules/')).map(packageOf));
process.stdout.write(JSON.stringify([...packages].sort()));
