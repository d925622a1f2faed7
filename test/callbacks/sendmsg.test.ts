import t from 'tap';
import { build, call, IMPORT, SDKAPPID, text } from '../helper.js';
import { mockControls } from '../../src/in-process.js';
import { answer, OK_ANSWER, PATIENT_MS, startBackend } from './backend.js';

// C2C.CallbackBeforeSendMsg: https://cloud.tencent.com/document/product/269/1632 (English: https://trtc.io/document/34364)
// C2C.CallbackAfterSendMsg: https://cloud.tencent.com/document/product/269/2716
// sendmsg and its 20006: https://cloud.tencent.com/document/product/269/2282
// The 2 s timeout and "the event goes ahead": https://cloud.tencent.com/document/product/269/1522
const SEND = '/v4/openim/sendmsg';
const T0 = Date.UTC(2026, 0, 1);

async function setUp(t: Parameters<typeof build>[0], settings: Record<string, unknown> = {}) {
  const backend = await startBackend(t);
  const built = build(t);
  for (const UserID of ['alice', 'bob']) await call(t, built.app, IMPORT, { UserID });
  const mock = mockControls(built.app);
  mock.setApp(SDKAPPID, { callbackUrl: backend.url, callbackTimeoutMs: PATIENT_MS, ...settings });
  return { ...built, backend, mock };
}

t.test('sendmsg: the before-callback carries the documented payload, then the after-callback follows the reply', async (t) => {
  const { app, backend, mock } = await setUp(t);
  const before = backend.next();
  const after = app.mock.callbacks.journal.next('C2C.CallbackAfterSendMsg', 10_000);
  const sent = await call(t, app, SEND, { From_Account: 'alice', To_Account: 'bob', MsgRandom: 7, MsgSeq: 9, MsgBody: text('hi'), CloudCustomData: 'c' });
  t.match(sent, { ActionStatus: 'OK', ErrorCode: 0 });
  const got = await before;
  t.equal(got.url.searchParams.get('CallbackCommand'), 'C2C.CallbackBeforeSendMsg');
  t.equal(got.url.searchParams.get('OptPlatform'), 'RESTAPI');
  t.same(got.body, {
    CallbackCommand: 'C2C.CallbackBeforeSendMsg',
    From_Account: 'alice',
    To_Account: 'bob',
    MsgSeq: 9,
    MsgRandom: 7,
    MsgTime: T0 / 1000,
    OnlineOnlyFlag: 0,
    MsgBody: text('hi'),
    CloudCustomData: 'c',
    EventTime: T0,
  });
  const record = await after;
  t.match(record?.payload, { CallbackCommand: 'C2C.CallbackAfterSendMsg', MsgKey: sent.MsgKey, SendMsgResult: 0, ErrorInfo: '', UnreadMsgNum: 1 });
  t.equal(mock.messages().length, 1);
});

t.test('ErrorCode 1 refuses: sendmsg answers 20006, nothing is stored, no after-callback', async (t) => {
  const { app, backend, mock } = await setUp(t);
  backend.answerWith(answer({ ActionStatus: 'OK', ErrorCode: 1, ErrorInfo: '' }));
  const refused = await call(t, app, SEND, { To_Account: 'bob', MsgRandom: 1, MsgBody: text('bad word') });
  t.match(refused, { ActionStatus: 'FAIL', ErrorCode: 20006 });
  t.equal(mock.messages().length, 0);
  backend.answerWith(OK_ANSWER);
  const after = app.mock.callbacks.journal.next('C2C.CallbackAfterSendMsg', 10_000);
  await call(t, app, SEND, { To_Account: 'bob', MsgRandom: 2, MsgBody: text('fine'), ForbidCallbackControl: ['ForbidBeforeSendMsgCallback'] });
  t.match((await after)?.payload, { MsgRandom: 2 }, 'the refused message had no after-callback');
  const commands = app.mock.callbacks.journal.page({}).callbacks.map((r) => r.command);
  t.same(commands, ['C2C.CallbackBeforeSendMsg', 'C2C.CallbackAfterSendMsg'], 'the second forbade its before-callback');
});

t.test('ErrorCode 2 tells the sender OK and delivers nothing; a MsgBody in the answer rewrites the message', async (t) => {
  const { app, backend, mock } = await setUp(t);
  backend.answerWith(answer({ ActionStatus: 'OK', ErrorCode: 2, ErrorInfo: '' }));
  t.match(await call(t, app, SEND, { To_Account: 'bob', MsgRandom: 1, MsgBody: text('x') }), { ActionStatus: 'OK', MsgKey: /^1_/ });
  t.equal(mock.messages().length, 0);
  backend.answerWith(answer({ ActionStatus: 'OK', ErrorCode: 0, MsgBody: text('***'), CloudCustomData: 'checked' }));
  const after = app.mock.callbacks.journal.next('C2C.CallbackAfterSendMsg', 10_000);
  await call(t, app, SEND, { To_Account: 'bob', MsgRandom: 2, MsgBody: text('rude') });
  t.match(mock.messages(), [{ body: text('***'), cloudCustomData: 'checked' }]);
  t.match((await after)?.payload, { MsgBody: text('***') }, 'the after-callback carries the rewritten message');
});

t.test('a hanging backend: with a 50 ms timeout the reply still comes and the message is stored', async (t) => {
  const { app, backend, mock } = await setUp(t, { callbackTimeoutMs: 50 });
  backend.answerWith(() => {});
  // Awaited, not read after the reply: past the timeout the reply need not wait for the request to arrive.
  const asked = backend.next();
  const sent = await call(t, app, SEND, { To_Account: 'bob', MsgRandom: 3, MsgBody: text('hello?') });
  t.match(sent, { ActionStatus: 'OK' });
  t.equal(mock.messages().length, 1, 'stored although the backend never answered');
  t.equal((await asked).body.CallbackCommand, 'C2C.CallbackBeforeSendMsg');
});

t.test('ForbidCallbackControl silences both; callbackCommands off sends nothing', async (t) => {
  const { app, mock } = await setUp(t);
  const both = ['ForbidBeforeSendMsgCallback', 'ForbidAfterSendMsgCallback'];
  await call(t, app, SEND, { To_Account: 'bob', MsgRandom: 4, MsgBody: text('quiet'), ForbidCallbackControl: both });
  mock.setApp(SDKAPPID, { callbackCommands: ['State.StateChange'] });
  await call(t, app, SEND, { To_Account: 'bob', MsgRandom: 5, MsgBody: text('off') });
  // A third message with callbacks on: its after-callback is queued behind any the first two made.
  mock.setApp(SDKAPPID, { callbackCommands: null });
  const after = app.mock.callbacks.journal.next('C2C.CallbackAfterSendMsg', 10_000);
  await call(t, app, SEND, { To_Account: 'bob', MsgRandom: 6, MsgBody: text('on') });
  await after;
  t.same(app.mock.callbacks.journal.page({}).callbacks.map((r) => r.payload.MsgRandom), [6, 6], 'only the third made callbacks');
  t.equal(mock.messages().length, 3);
});

t.test('batchsendmsg: one C2C.CallbackAfterSendMsg per recipient reached, unless ForbidCallbackControl names it', async (t) => {
  const { app } = await setUp(t);
  await call(t, app, IMPORT, { UserID: 'carol' });
  const BATCH = '/v4/openim/batchsendmsg';
  await call(t, app, BATCH, { To_Account: ['bob', 'ghost'], MsgRandom: 1, MsgBody: text('quiet'), ForbidCallbackControl: ['ForbidAfterSendMsgCallback'] });
  await call(t, app, BATCH, { To_Account: ['bob', 'carol', 'ghost'], MsgRandom: 2, MsgBody: text('all'), MsgLifeTime: 0 });
  const { journal } = app.mock.callbacks;
  while (journal.size < 2) await journal.next('C2C.CallbackAfterSendMsg', 10_000);
  const sent = journal.page({}).callbacks.map((r) => r.payload);
  t.same(sent.map((p) => p.To_Account).sort(), ['bob', 'carol'], 'none for the first batch, none for ghost');
  t.match(sent, [{ MsgRandom: 2, OnlineOnlyFlag: 1 }, { MsgRandom: 2, OnlineOnlyFlag: 1 }]);
});

t.test('callbacks follow the app setting from the next call on: set, cleared and set again', async (t) => {
  const backend = await startBackend(t);
  const { app } = build(t);
  for (const UserID of ['alice', 'bob']) await call(t, app, IMPORT, { UserID });
  const mock = mockControls(app);
  // The before-callback is answered before sendmsg is, so the count is settled when the call returns.
  const asked = () => backend.received.filter((r) => r.url.searchParams.get('CallbackCommand') === 'C2C.CallbackBeforeSendMsg').length;
  const send = (MsgRandom: number) => call(t, app, SEND, { To_Account: 'bob', MsgRandom, MsgBody: text('hi'), ForbidCallbackControl: ['ForbidAfterSendMsgCallback'] });
  await send(1);
  t.equal(asked(), 0, 'no URL, no callback');
  mock.setApp(SDKAPPID, { callbackUrl: backend.url, callbackTimeoutMs: PATIENT_MS });
  await send(2);
  t.equal(asked(), 1, 'a URL set after calls without one is used on the next call');
  mock.setApp(SDKAPPID, { callbackUrl: null });
  await send(3);
  t.equal(asked(), 1, 'a cleared URL stops them on the next call');
  mock.setApp(SDKAPPID, { callbackUrl: backend.url, callbackTimeoutMs: PATIENT_MS });
  await send(4);
  t.equal(asked(), 2);
});
