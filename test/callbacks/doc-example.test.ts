import t from 'tap';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startMockServer } from '../../src/index.js';
import { PATIENT_MS } from './backend.js';

// docs/callbacks.md's backend (test/e2e/readme.test.ts checks the doc shows this very file),
// which verifies Sign as https://cloud.tencent.com/document/product/269/1522 describes.

type Example = {
  verify(url: URL, token: string, sdkappid: number, nowSeconds?: number): boolean;
  listen(token: string, sdkappid: number, onCallback: (command: string, body: any) => void): Promise<Server>;
};

t.test('the backend of docs/callbacks.md receives and verifies the emulator\'s signed callbacks', async (t) => {
  const example = (await import(new URL('../e2e/callback-backend.mjs', import.meta.url).href)) as Example;
  const seen: Array<{ command: string; body: any }> = [];
  const server = await example.listen('my-token', 1400000001, (command, body) => seen.push({ command, body }));
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const mock = await startMockServer();
  t.teardown(() => mock.close());
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/im`;
  mock.setApp(1400000001, { callbackUrl: url, callbackToken: 'my-token', callbackTimeoutMs: PATIENT_MS });
  await fetch(`${mock.url}/v4/im_open_login_svc/account_import?sdkappid=1400000001&identifier=administrator&usersig=x&random=1&contenttype=json`, {
    method: 'POST',
    body: JSON.stringify({ UserID: 'alice' }),
  });
  mock.clients.login({ sdkappid: 1400000001, account: 'alice', platform: 'Android' });
  const record = await mock.nextCallback('State.StateChange', { timeoutMs: 10_000 });
  t.equal(record?.status, 200, 'the backend verified it and answered OK');
  t.match(seen, [{ command: 'State.StateChange', body: { Info: { Action: 'Login', To_Account: 'alice' } } }]);

  mock.setApp(1400000001, { callbackToken: 'a-wrong-token' });
  mock.clients.logout({ sdkappid: 1400000001, account: 'alice', platform: 'Android' });
  t.match(await mock.nextCallback('State.StateChange', { timeoutMs: 10_000 }), { status: 401 }, 'a wrong Sign is refused');
  t.equal(seen.length, 1);

  const signed = new URL('https://b/?SdkAppid=888888&Sign=17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061&RequestTime=1669872112');
  t.ok(example.verify(signed, 'xxxxyyyy', 888888, 1669872112), "the vendor's worked example verifies");
  t.notOk(example.verify(signed, 'xxxxyyyy', 888888, 1669872112 + 61), 'a RequestTime over a minute old does not');
  t.notOk(example.verify(signed, 'xxxxyyyy', 1, 1669872112), 'nor another app');
});
