import t from 'tap';
import { build, call, IMPORT, SDKAPPID, text } from '../helper.js';
import { json } from '../control/json.js';
import { mockControls } from '../../src/in-process.js';
import { ClientActionError, UnknownAppError } from '../../src/index.js';
import { CALLBACK_COMMANDS } from '../../src/model/callback-settings.js';
import { answer, OK_ANSWER, PATIENT_MS, startBackend } from './backend.js';

// Clients cause most callbacks (https://cloud.tencent.com/document/product/269/1522): a login or
// logout (State.StateChange, https://trtc.io/document/34357, which spells iOS "IOS"), a message
// from a client (C2C callbacks, https://trtc.io/document/34364), with OptPlatform of its platform.

async function setUp(t: Parameters<typeof build>[0], options: Parameters<typeof build>[1] = {}) {
  const backend = await startBackend(t);
  const built = build(t, options);
  for (const UserID of ['alice', 'bob']) await call(t, built.app, IMPORT, { UserID });
  const mock = mockControls(built.app);
  mock.setApp(SDKAPPID, { callbackUrl: backend.url, callbackTimeoutMs: PATIENT_MS });
  return { ...built, backend, mock };
}

t.test('POST /__mock/clients/login and logout: online state and State.StateChange with the platform', async (t) => {
  const { app, backend, mock } = await setUp(t);
  const arrived = backend.next();
  const res = await json(app, 'POST', '/__mock/clients/login', { body: { sdkappid: SDKAPPID, account: 'alice', platform: 'iPhone' } });
  t.same(res.body, { sdkappid: SDKAPPID, account: 'alice', platform: 'iPhone', status: 'Online' });
  const got = await arrived;
  t.equal(got.url.searchParams.get('OptPlatform'), 'IOS', 'State.StateChange spells it IOS');
  t.match(got.body, { CallbackCommand: 'State.StateChange', Info: { Action: 'Login', To_Account: 'alice', Reason: 'Register' } });
  t.same(mock.online(), [{ sdkappid: SDKAPPID, identifier: 'alice', platforms: { iPhone: 'Online' } }]);
  const out = backend.next();
  await json(app, 'POST', '/__mock/clients/logout', { body: { sdkappid: SDKAPPID, account: 'alice', platform: 'iPhone' } });
  t.match((await out).body, { Info: { Action: 'Logout', Reason: 'Unregister' } });
  t.same(mock.online(), []);
  const missing = await json(app, 'POST', '/__mock/clients/login', { body: { sdkappid: SDKAPPID, account: 'nobody', platform: 'Web' } });
  t.equal(missing.status, 400);
  t.match(missing.body.message, /^account: no account "nobody"/);
  const badPlatform = await json(app, 'POST', '/__mock/clients/login', { body: { sdkappid: SDKAPPID, account: 'alice', platform: 'Fridge' } });
  t.equal(badPlatform.status, 400);
});

t.test('POST /__mock/clients/sendmsg: sent (stored, unread), refused, silenced; OptPlatform of the client', async (t) => {
  const { app, backend, mock } = await setUp(t);
  const before = backend.next();
  const body = { sdkappid: SDKAPPID, account: 'alice', platform: 'Android', to: 'bob', MsgBody: text('hi'), MsgRandom: 5 };
  const sent = await json(app, 'POST', '/__mock/clients/sendmsg', { body });
  t.match(sent.body, { result: 'sent', MsgKey: /^5_/ });
  const got = await before;
  t.equal(got.url.searchParams.get('OptPlatform'), 'Android');
  t.match(got.body, { CallbackCommand: 'C2C.CallbackBeforeSendMsg', From_Account: 'alice', To_Account: 'bob' });
  t.match(mock.messages(), [{ from: 'alice', to: 'bob', countsUnread: true }]);
  const unread = await call(t, app, '/v4/openim/get_c2c_unread_msg_num', { To_Account: 'bob' });
  t.match(unread, { AllC2CUnreadMsgNum: 1 });

  backend.answerWith(answer({ ActionStatus: 'OK', ErrorCode: 1, ErrorInfo: '' }));
  t.match((await json(app, 'POST', '/__mock/clients/sendmsg', { body: { ...body, MsgRandom: 6 } })).body, { result: 'refused' });
  backend.answerWith(answer({ ActionStatus: 'OK', ErrorCode: 2, ErrorInfo: '' }));
  t.match((await json(app, 'POST', '/__mock/clients/sendmsg', { body: { ...body, MsgRandom: 7 } })).body, { result: 'silenced' });
  t.equal(mock.messages().length, 1, 'neither was stored');
  backend.answerWith(OK_ANSWER);
  const bad = await json(app, 'POST', '/__mock/clients/sendmsg', { body: { ...body, MsgBody: [] } });
  t.equal(bad.status, 400);
  t.match(bad.body.message, /^MsgBody: /);
  const random = await mock.clients.sendmsg({ sdkappid: SDKAPPID, account: 'bob', platform: 'PC', to: 'alice', MsgBody: text('yo') });
  t.equal(random.result, 'sent', 'MsgRandom may be left out');
});

t.test('POST /__mock/callbacks/trigger sends every callback command with a payload from the model', async (t) => {
  const { app, backend } = await setUp(t);
  for (const command of CALLBACK_COMMANDS) {
    const res = await json(app, 'POST', '/__mock/callbacks/trigger', { body: { sdkappid: SDKAPPID, command, payload: { Extra: 1 } } });
    t.match(res.body, { command, status: 200, payload: { CallbackCommand: command, Extra: 1 } }, command);
  }
  t.equal(backend.received.length, CALLBACK_COMMANDS.length);
  t.match(backend.received[0]?.body, { Info: { To_Account: 'alice' } }, 'filled with the app\'s accounts');
  const unknown = await json(app, 'POST', '/__mock/callbacks/trigger', { body: { sdkappid: SDKAPPID, command: 'Nope' } });
  t.equal(unknown.status, 400);
  await json(app, 'PUT', `/__mock/apps/${SDKAPPID}`, { body: { callbackUrl: null } });
  const off = await json(app, 'POST', '/__mock/callbacks/trigger', { body: { sdkappid: SDKAPPID, command: 'State.StateChange' } });
  t.equal(off.status, 400);
  t.match(off.body.message, /no callbackUrl/);
});

t.test('GET /__mock/callbacks pages, /next waits (capped), DELETE and reset empty it', async (t) => {
  const { app, mock } = await setUp(t);
  const none = await json(app, 'GET', '/__mock/callbacks/next?command=State.StateChange&timeoutMs=0');
  t.same(none.body, { callback: null });
  const waiting = json(app, 'GET', '/__mock/callbacks/next?command=State.StateChange');
  const any = json(app, 'GET', '/__mock/callbacks/next');
  mock.clients.login({ sdkappid: SDKAPPID, account: 'bob', platform: 'Web' });
  t.match((await waiting).body, { callback: { command: 'State.StateChange', status: 200 } });
  t.match((await any).body, { callback: { command: 'State.StateChange' } });
  await mock.triggerCallback(SDKAPPID, 'Sns.CallbackFriendAdd');
  const page = await json(app, 'GET', '/__mock/callbacks?limit=1');
  t.equal(page.body.callbacks.length, 1);
  t.equal(page.body.next, 1);
  const rest = await json(app, 'GET', `/__mock/callbacks?after=${page.body.next}&command=Sns.CallbackFriendAdd`);
  t.match(rest.body, { callbacks: [{ id: 2, command: 'Sns.CallbackFriendAdd' }], next: null });
  t.equal(mock.callbacks().length, 2);
  t.equal(mock.callbacks({ command: 'State.StateChange' }).length, 1);
  t.same((await json(app, 'DELETE', '/__mock/callbacks')).body, { removed: 2 });
  await mock.triggerCallback(SDKAPPID, 'State.StateChange');
  const next = mock.nextCallback('State.StateChange', { timeoutMs: 10_000 });
  mock.clients.logout({ sdkappid: SDKAPPID, account: 'bob', platform: 'Web' });
  t.match(await next, { payload: { Info: { Action: 'Logout' } } });
  t.equal(await mock.nextCallback(undefined, { timeoutMs: 0 }), undefined);
  mock.reset();
  t.same(mock.callbacks(), [], 'reset empties the journal of callbacks');
});

t.test('in process: a bad client action is a ClientActionError; an undeclared app an UnknownAppError', async (t) => {
  const { mock } = await setUp(t);
  t.throws(() => mock.clients.login({ sdkappid: SDKAPPID, account: 'alice', platform: 'Fridge' }), { name: 'ClientActionError', message: /^platform: / });
  t.throws(() => mock.clients.login({ sdkappid: SDKAPPID, account: '', platform: 'Web' }), ClientActionError);
  const declared = mockControls(build(t, { apps: [{ sdkappid: SDKAPPID, admin: 'administrator', secretKey: 'k' }] }).app);
  t.throws(() => declared.clients.login({ sdkappid: 42, account: 'alice', platform: 'Web' }), UnknownAppError);
  t.throws(() => mock.triggerCallback(SDKAPPID, 'Nope.Nothing'), { name: 'ClientActionError', message: /^command: / });
  await t.rejects(mock.clients.sendmsg({ sdkappid: SDKAPPID, account: 'alice', platform: 'Web', to: 'ghost', MsgBody: text('x') }), ClientActionError);
});
