import { once } from 'node:events';
import { createServer } from 'node:http';
import https from 'node:https';
import t from 'tap';
import axios from 'axios';
import { ControllableClock } from '../../src/model/clock.js';
import { startMockServer } from '../../src/in-process.js';
import { IMPORT_PATH, answerOf } from './tls-client.js';

t.test('intercept: fetch, node:https and axios to vendor hostnames are answered in-process; other hosts pass through', async (t) => {
  // A server the test owns, reached by name and port: interception must leave it alone.
  let seen = 0;
  const own = createServer((_req, res) => {
    seen++;
    res.end('own server');
  });
  own.listen(0, '127.0.0.1');
  await once(own, 'listening');
  t.teardown(() => own.close());
  const ownUrl = `http://127.0.0.1:${(own.address() as { port: number }).port}/`;

  const clock = new ControllableClock();
  clock.set(Date.UTC(2026, 0, 1));
  const mock = await startMockServer({ intercept: true, rateLimit: 3, clock });
  let closed = false;
  t.teardown(() => (closed ? undefined : mock.close()));

  const viaFetch = await fetch(`https://console.tim.qq.com${IMPORT_PATH}`, { method: 'POST', body: '{"UserID":"f1"}' });
  t.match(await viaFetch.json(), { ActionStatus: 'OK', ErrorCode: 0 }, 'global fetch');
  // Called through the module object, as SDKs do (`https.request`): a named ESM import bound before interception is not patched.
  const viaHttps = await answerOf(https.request(`https://adminapisgp.im.qcloud.com${IMPORT_PATH}`, { method: 'POST' }), '{"UserID":"h1"}');
  t.match(JSON.parse(viaHttps.body), { ErrorCode: 0 }, 'node:https');
  const viaAxios = await axios.post(`https://adminapiger.my-imcloud.com${IMPORT_PATH}`, { UserID: 'a1' });
  t.match(viaAxios.data, { ErrorCode: 0 }, 'axios');
  t.same(mock.accounts().map((a) => a.identifier).sort(), ['a1', 'f1', 'h1']);
  t.same(
    mock.requests().map((e) => e.host),
    ['console.tim.qq.com', 'adminapisgp.im.qcloud.com', 'adminapiger.my-imcloud.com'],
    'journaled with the host each call was addressed to',
  );
  // Rate-limited like any call: 3 calls/s per app on the seed endpoints, and the clock stands still.
  const fourth = await fetch(`https://console.tim.qq.com${IMPORT_PATH}`, { method: 'POST', body: '{"UserID":"r4"}' });
  t.match(await fourth.json(), { ErrorCode: 60007 }, 'the fourth call in one second is over the limit');

  t.equal(await (await fetch(ownUrl)).text(), 'own server', 'another host: passed through');
  t.equal(seen, 1, 'the own server saw the call');

  await mock.close();
  closed = true;
  await t.rejects(fetch(`https://console.tim.qq.com${IMPORT_PATH}`, { method: 'POST', body: '{}' }), TypeError, 'after close(), nothing is intercepted (no DNS here)');
  t.equal(await (await fetch(ownUrl)).text(), 'own server');
});

t.test('mock.intercept() returns the function that undoes it', async (t) => {
  const mock = await startMockServer();
  t.teardown(() => mock.close());
  await t.rejects(fetch('https://console.tim.qq.com/health'), TypeError, 'not intercepted before');
  const undo = await mock.intercept();
  t.equal((await fetch('https://adminapiidn.im.qcloud.com/health')).status, 200, 'intercepted');
  undo();
  await t.rejects(fetch('https://console.tim.qq.com/health'), TypeError, 'not intercepted after');
});

t.test('a fault that drops the connection is a network error for the client, journaled', async (t) => {
  const mock = await startMockServer({ intercept: true });
  t.teardown(() => mock.close());
  mock.addFault({ drop: true, path: '/v4/im_open_login_svc/account_import' });
  await t.rejects(fetch(`https://console.tim.qq.com${IMPORT_PATH}`, { method: 'POST', body: '{"UserID":"d"}' }), TypeError);
  t.match(mock.requests(), [{ status: 0, host: 'console.tim.qq.com' }]);
});

t.test('TIM_TLS_HOSTS names are intercepted too', async (t) => {
  const mock = await startMockServer({ intercept: true, tlsHosts: ['tim-mock.test'] });
  t.teardown(() => mock.close());
  t.equal((await fetch('http://tim-mock.test/health')).status, 200);
});
