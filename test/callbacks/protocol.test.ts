import t from 'tap';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { callbackSign, callbackUrls } from '../../src/services/callbacks/sign.js';
import { CallbackSender, CALLBACK_QUEUE_MAX, CALLBACK_REPLY_CAP } from '../../src/services/callbacks/sender.js';
import { CallbackJournal } from '../../src/services/callbacks/journal.js';
import { ControllableClock } from '../../src/model/clock.js';
import type { App } from '../../src/model/apps.js';
import { NO_CALLBACKS } from '../../src/model/callback-settings.js';
import { planSettings } from '../../src/model/plans.js';
import { PATIENT_MS, startBackend } from './backend.js';

// The vendor's protocol and its worked example of callback authentication:
// https://cloud.tencent.com/document/product/269/1522 (English: https://trtc.io/document/34354, the Webhook Overview).
const PAGE = 'https://cloud.tencent.com/document/product/269/1522';
const ORIGIN = { clientIp: '127.0.0.1', optPlatform: 'RESTAPI' };

const appWith = (settings: Partial<App['settings']>): App => ({
  sdkappid: 1400000001,
  admin: 'administrator',
  verifier: undefined,
  settings: { ...planSettings(null), rateLimits: {}, profileCustomTags: [], ...NO_CALLBACKS, ...settings },
  rateLimit: () => 0,
});

t.test(`Sign = hex sha256(token + RequestTime): the vendor's worked example (${PAGE})`, async (t) => {
  t.equal(callbackSign('xxxxyyyy', 1669872112), '17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061');
  const { sent, shown } = callbackUrls('https://backend.example/cb?mine=1', { sdkappid: 888888, command: 'State.StateChange', ...ORIGIN }, 'xxxxyyyy', 1669872112);
  const url = new URL(sent);
  t.equal(url.searchParams.get('mine'), '1', "the backend's own query stays");
  t.equal(url.searchParams.get('Sign'), '17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061');
  t.equal(url.searchParams.get('RequestTime'), '1669872112');
  t.notMatch(shown, /Sign|RequestTime/, 'the URL shown has neither');
  t.equal(callbackUrls('http://b/', { sdkappid: 1, command: 'x', ...ORIGIN }, null, 1).sent, callbackUrls('http://b/', { sdkappid: 1, command: 'x', ...ORIGIN }, null, 1).shown, 'no token: no Sign');
});

t.test('a callback is a POST with the vendor query, the payload with CallbackCommand and EventTime, signed with the token', async (t) => {
  const backend = await startBackend(t);
  const clock = new ControllableClock();
  clock.set(1669872112_000);
  const sender = new CallbackSender(clock, 2000);
  const app = appWith({ callbackUrl: backend.url, callbackToken: 'xxxxyyyy' });
  const arrived = backend.next();
  const record = await sender.send(app, 'State.StateChange', { Info: { Action: 'Login', To_Account: 'u1', Reason: 'Register' } }, ORIGIN);
  const got = await arrived;
  t.same(Object.fromEntries(got.url.searchParams), {
    SdkAppid: '1400000001',
    CallbackCommand: 'State.StateChange',
    contenttype: 'json',
    ClientIP: '127.0.0.1',
    OptPlatform: 'RESTAPI',
    Sign: '17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061',
    RequestTime: '1669872112',
  });
  t.match(got.headers['content-type'], /application\/json/);
  t.same(got.body, { CallbackCommand: 'State.StateChange', Info: { Action: 'Login', To_Account: 'u1', Reason: 'Register' }, EventTime: 1669872112_000 });
  t.match(record, { id: 1, command: 'State.StateChange', status: 200, error: null, reply: /"ErrorCode":0/ });
  t.notMatch(record.url, /Sign|RequestTime|xxxxyyyy/, 'the journal keeps the URL without the signature');
  t.same(sender.journal.page({}).callbacks, [record]);
});

t.test('bad backends: non-JSON, 500, a 10 MB body (capped), no answer, a refused connection; a before-callback goes ahead', async (t) => {
  const backend = await startBackend(t);
  const clock = new ControllableClock();
  const sender = new CallbackSender(clock, 2000);
  // Each case gets the answer it names, however loaded the machine; only the hanging backend meets 50 ms.
  const app = appWith({ callbackUrl: backend.url, callbackTimeoutMs: PATIENT_MS });
  const impatient = appWith({ callbackUrl: backend.url, callbackTimeoutMs: 50 });

  backend.answerWith((_r, res) => res.end('<html>not json</html>'));
  t.equal(await sender.ask(app, 'C2C.CallbackBeforeSendMsg', {}, ORIGIN), undefined, 'non-JSON: goes ahead');
  backend.answerWith((_r, res) => res.end('[1,2]'));
  t.equal(await sender.ask(app, 'C2C.CallbackBeforeSendMsg', {}, ORIGIN), undefined, 'JSON that is not an object: goes ahead');
  backend.answerWith((_r, res) => {
    res.statusCode = 500;
    res.end('{"ErrorCode":1}');
  });
  t.equal(await sender.ask(app, 'C2C.CallbackBeforeSendMsg', {}, ORIGIN), undefined, 'a 500 is not an answer, even with a refusal in it');

  backend.answerWith((_r, res) => {
    res.write('{"ErrorCode":0,"pad":"');
    const mb = Buffer.alloc(1024 * 1024, 'a');
    for (let i = 0; i < 10; i++) res.write(mb);
    res.end('"}');
  });
  const big = await sender.send(app, 'State.StateChange', {}, ORIGIN);
  t.match(big, { status: 200, error: new RegExp(`over ${CALLBACK_REPLY_CAP} bytes`) });
  t.ok(big.reply.length <= 2048, 'the journal keeps a clipped reply');

  backend.answerWith(() => {});
  const hung = await sender.send(impatient, 'State.StateChange', {}, ORIGIN);
  t.match(hung, { status: null, error: /no answer within 50 ms/ });
  t.equal(await sender.ask(impatient, 'C2C.CallbackBeforeSendMsg', {}, ORIGIN), undefined, 'a hanging backend: goes ahead');

  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const refused = await sender.send(appWith({ callbackUrl: `http://127.0.0.1:${port}/` }), 'State.StateChange', {}, ORIGIN);
  t.match(refused, { status: null, error: /ECONNREFUSED/ });
  const tls = await sender.send(appWith({ callbackUrl: `https://127.0.0.1:${port}/` }), 'State.StateChange', {}, ORIGIN);
  t.match(tls, { status: null, error: /ECONNREFUSED/ }, 'https URLs go through node:https');

  backend.answerWith((_r, res) => {
    res.writeHead(200, { 'content-length': '100' });
    res.write('{"ErrorCode":');
    setImmediate(() => res.destroy());
  });
  t.match(await sender.send(app, 'State.StateChange', {}, ORIGIN), { status: 200, error: 'the reply was cut off' });
  t.equal(await new CallbackSender(clock, 50).ask(appWith({}), 'C2C.CallbackBeforeSendMsg', {}, ORIGIN), undefined, 'no URL: nothing is sent');
});

t.test('a redirect is not followed: only the configured URL is called', async (t) => {
  const other = await startBackend(t);
  const backend = await startBackend(t, (_r, res) => {
    res.statusCode = 307;
    res.setHeader('location', other.url);
    res.end();
  });
  const sender = new CallbackSender(new ControllableClock(), 2000);
  const record = await sender.send(appWith({ callbackUrl: backend.url.replace('127.0.0.1', 'localhost') }), 'State.StateChange', {}, ORIGIN);
  t.match(record, { status: 307, error: null });
  t.equal(backend.received.length, 1);
  t.equal(other.received.length, 0, 'the host redirected to received nothing');
});

t.test('bounded: at most 8 in flight, the queue drops its oldest past its cap, journalled', async (t) => {
  const backend = await startBackend(t, () => {});
  const sender = new CallbackSender(new ControllableClock(), 60_000);
  const app = appWith({ callbackUrl: backend.url });
  for (let i = 0; i < 8; i++) void sender.send(app, 'State.StateChange', { n: i }, ORIGIN);
  const queued = [];
  for (let i = 0; i <= CALLBACK_QUEUE_MAX; i++) queued.push(sender.send(app, 'State.StateChange', { n: 8 + i }, ORIGIN));
  const dropped = await queued[0];
  t.match(dropped, { status: null, error: /^dropped: 1000 callbacks were waiting/, payload: { n: 8 } });
  while (backend.received.length < 8) await backend.next();
  t.equal(backend.received.length, 8, 'only 8 reached the backend while it hangs');
  sender.close();
});

t.test('a callback waiting in the queue when its app loses its URL is journalled, not sent', async (t) => {
  const backend = await startBackend(t, () => {});
  const sender = new CallbackSender(new ControllableClock(), 2000);
  const app = appWith({ callbackUrl: backend.url, callbackTimeoutMs: 50 });
  for (let i = 0; i < 8; i++) void sender.send(app, 'State.StateChange', { n: i }, ORIGIN);
  const waiting = sender.send(app, 'State.StateChange', { n: 8 }, ORIGIN);
  app.settings = { ...app.settings, callbackUrl: null };
  t.match(await waiting, { url: '', status: null, error: 'the app has no callback URL any more' });
  const none = sender.hooksFor(app, () => ORIGIN);
  t.equal(none.on('State.StateChange'), false);
  t.equal(await none.before('C2C.CallbackBeforeSendMsg', {}), undefined, 'an app without a URL: nothing to wait for');
});

t.test('the journal: pages, next() by command with a timeout, clear()', async (t) => {
  const journal = new CallbackJournal(2);
  const base = { time: '', sdkappid: 1, url: '', payload: {}, status: 200, reply: '', durationMs: 0, error: null };
  const waiting = journal.next('B', 60_000);
  const any = journal.next(undefined, 60_000);
  journal.add({ ...base, id: 1, command: 'A' });
  t.match(await any, { id: 1 });
  journal.add({ ...base, id: 2, command: 'B' });
  t.match(await waiting, { id: 2 });
  journal.add({ ...base, id: 3, command: 'B' });
  t.same(journal.page({ limit: 1 }).callbacks.map((r) => r.id), [2], 'a ring of 2: the oldest is gone');
  t.equal(journal.page({ limit: 1 }).next, 2);
  t.same(journal.page({ command: 'B', after: 2 }).callbacks.map((r) => r.id), [3]);
  t.equal(await journal.next('C', 1), undefined, 'nothing came in time');
  const closing = journal.next('C', 60_000);
  journal.close();
  t.equal(await closing, undefined);
  journal.clear();
  t.equal(journal.size, 0);
});
