import t from 'tap';
import { startMockServer } from '../../src/in-process.js';
import { assertVendorShaped, envelope, REGISTER, IMPORT, SDKAPPID } from '../helper.js';

t.test('200 simultaneous registrations of one account over HTTP: one OK, 199 x 70402', async (t) => {
  const server = await startMockServer({ port: 0, rateLimit: 0 });
  t.teardown(() => server.close());
  const url = `${server.url}${REGISTER}?${new URLSearchParams(envelope())}`;
  const body = JSON.stringify({ Identifier: 'racer', IdentifierType: 3, Password: 'password1' });
  // Every request is started before any is awaited.
  const pending = Array.from({ length: 200 }, (_, i) =>
    fetch(url, { method: 'POST', body: i % 2 ? body : body.replace('racer', 'RACER') }).then(async (res) => ({
      statusCode: res.status,
      headers: { 'content-type': res.headers.get('content-type') },
      body: await res.text(),
    })),
  );
  const replies = (await Promise.all(pending)).map((res) => assertVendorShaped(t, res));
  t.equal(replies.filter((r) => r.ErrorCode === 0).length, 1, 'exactly one OK');
  t.equal(replies.filter((r) => r.ErrorCode === 70402).length, 199, '199 x 70402');
  t.equal(server.app.mock.store.count(SDKAPPID), 1, 'one account');
});

t.test('200 simultaneous imports of one account: all OK, one account', async (t) => {
  const server = await startMockServer({ port: 0, rateLimit: 0 });
  t.teardown(() => server.close());
  const url = `${server.url}${IMPORT}?${new URLSearchParams(envelope())}`;
  const pending = Array.from({ length: 200 }, (_, i) =>
    fetch(url, { method: 'POST', body: JSON.stringify({ UserID: 'same', Nick: `n${i}` }) }).then(async (res) => ({
      statusCode: res.status,
      headers: { 'content-type': res.headers.get('content-type') },
      body: await res.text(),
    })),
  );
  const replies = (await Promise.all(pending)).map((res) => assertVendorShaped(t, res));
  t.equal(replies.filter((r) => r.ErrorCode === 0).length, 200);
  t.equal(server.app.mock.store.count(SDKAPPID), 1);
  t.match(server.app.mock.store.get(SDKAPPID, 'same')?.nick, /^n\d+$/, "one of the calls' Nick");
});
