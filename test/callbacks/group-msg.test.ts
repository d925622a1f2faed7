import t from 'tap';
import { ADMIN, build, call, IMPORT, SDKAPPID, text } from '../helper.js';
import { json } from '../control/json.js';
import { mockControls } from '../../src/in-process.js';
import { ClientActionError } from '../../src/index.js';
import { answer, OK_ANSWER, PATIENT_MS, startBackend } from './backend.js';

// Group.CallbackBeforeSendMsg: https://cloud.tencent.com/document/product/269/1619
//   (English: https://www.tencentcloud.com/document/product/1047/34374): payload GroupId, Type,
//   From_Account, Operator_Account, Random, OnlineOnlyFlag (0 for an AVChatRoom), MsgBody,
//   CloudCustomData; the answer's ErrorCode 0 lets it go, 1 refuses, 2 drops it silently; its
//   MsgBody replaces the message's.
// Group.CallbackAfterSendMsg: https://cloud.tencent.com/document/product/269/2661 (1047/34375):
//   the same fields with MsgSeq and MsgTime.
// send_group_msg and ForbidCallbackControl: https://cloud.tencent.com/document/product/269/1629;
//   10016 "App 后台通过第三方回调拒绝本次操作" is the group commands' code for a callback's refusal.
// The 2 s timeout and "the event goes ahead": https://cloud.tencent.com/document/product/269/1522
const G = '/v4/group_open_http_svc';
const SEND = `${G}/send_group_msg`;
const T0 = Date.UTC(2026, 0, 1);

async function setUp(t: Parameters<typeof build>[0], settings: Record<string, unknown> = {}) {
  const backend = await startBackend(t);
  const built = build(t);
  for (const UserID of ['alice', 'bob', 'carol']) await call(t, built.app, IMPORT, { UserID });
  await call(t, built.app, `${G}/create_group`, { Type: 'Public', GroupId: 'g1', Name: 'Team', Owner_Account: 'alice', MemberList: [{ Member_Account: 'bob' }] });
  await call(t, built.app, `${G}/create_group`, { Type: 'AVChatRoom', GroupId: 'live', Name: 'Live' });
  const mock = mockControls(built.app);
  mock.setApp(SDKAPPID, { callbackUrl: backend.url, callbackTimeoutMs: PATIENT_MS, ...settings });
  const { journal } = built.app.mock.callbacks;
  const history = async (GroupId = 'g1') =>
    ((await call(t, built.app, `${G}/group_msg_get_simple`, { GroupId, ReqMsgNumber: 20 })).RspMsgList ?? []) as Array<Record<string, unknown>>;
  return { ...built, backend, mock, journal, history };
}

t.test('send_group_msg: the before-callback carries the documented payload, the after-callback adds MsgSeq and MsgTime', async (t) => {
  const { app, backend, journal, history } = await setUp(t);
  const before = backend.next();
  const after = journal.next('Group.CallbackAfterSendMsg', 10_000);
  const sent = await call(t, app, SEND, { GroupId: 'g1', From_Account: 'bob', Random: 7, MsgBody: text('hi'), CloudCustomData: 'c' });
  t.match(sent, { ActionStatus: 'OK', ErrorCode: 0, MsgSeq: 1, MsgTime: T0 / 1000 });
  const got = await before;
  t.equal(got.url.searchParams.get('CallbackCommand'), 'Group.CallbackBeforeSendMsg');
  t.equal(got.url.searchParams.get('OptPlatform'), 'RESTAPI');
  const fields = {
    GroupId: 'g1',
    Type: 'Public',
    From_Account: 'bob',
    Operator_Account: ADMIN,
    Random: 7,
    OnlineOnlyFlag: 0,
    MsgBody: text('hi'),
    CloudCustomData: 'c',
  };
  t.same(got.body, { CallbackCommand: 'Group.CallbackBeforeSendMsg', ...fields, EventTime: T0 });
  t.same((await after)?.payload, { CallbackCommand: 'Group.CallbackAfterSendMsg', ...fields, MsgSeq: 1, MsgTime: T0 / 1000, EventTime: T0 });
  t.equal((await history()).length, 1);
});

t.test('ErrorCode 1 refuses with 10016: nothing kept, no MsgSeq taken, no after-callback', async (t) => {
  const { app, backend, journal, history } = await setUp(t);
  backend.answerWith(answer({ ActionStatus: 'OK', ErrorCode: 1, ErrorInfo: 'no' }));
  const refused = await call(t, app, SEND, { GroupId: 'g1', Random: 1, MsgBody: text('bad word') });
  t.match(refused, { ActionStatus: 'FAIL', ErrorCode: 10016 });
  t.same(await history(), []);
  backend.answerWith(OK_ANSWER);
  const after = journal.next('Group.CallbackAfterSendMsg', 10_000);
  const next = await call(t, app, SEND, { GroupId: 'g1', Random: 2, MsgBody: text('fine') });
  t.equal(next.MsgSeq, 1, 'the refused message took no MsgSeq');
  t.match((await after)?.payload, { Random: 2 }, 'the refused message had no after-callback');
  t.same(journal.page({}).callbacks.map((r) => r.command), ['Group.CallbackBeforeSendMsg', 'Group.CallbackBeforeSendMsg', 'Group.CallbackAfterSendMsg']);
});

t.test('ErrorCode 2 tells the sender OK and keeps nothing; a MsgBody or CloudCustomData in the answer rewrites the message', async (t) => {
  const { app, backend, journal, history } = await setUp(t);
  backend.answerWith(answer({ ActionStatus: 'OK', ErrorCode: 2, ErrorInfo: '' }));
  t.match(await call(t, app, SEND, { GroupId: 'g1', Random: 1, MsgBody: text('x') }), { ActionStatus: 'OK', ErrorCode: 0, MsgSeq: 1 });
  t.same(await history(), []);
  backend.answerWith(answer({ ActionStatus: 'OK', ErrorCode: 0, MsgBody: text('***'), CloudCustomData: 'checked' }));
  const after = journal.next('Group.CallbackAfterSendMsg', 10_000);
  t.match(await call(t, app, SEND, { GroupId: 'g1', Random: 2, MsgBody: text('rude') }), { MsgSeq: 1 }, 'the silenced one took no seq');
  t.match(await history(), [{ MsgBody: text('***'), CloudCustomData: 'checked' }]);
  t.match((await after)?.payload, { MsgBody: text('***'), CloudCustomData: 'checked' }, 'the after-callback carries the new message');
  t.equal(journal.page({ command: 'Group.CallbackAfterSendMsg' }).callbacks.length, 1, 'none for the silenced one');
});

t.test('a backend that hangs past the timeout, answers 500 or answers non-JSON: the message goes ahead', async (t) => {
  const { app, backend, mock, history } = await setUp(t, { callbackTimeoutMs: 50 });
  backend.answerWith(() => {});
  t.match(await call(t, app, SEND, { GroupId: 'g1', Random: 1, MsgBody: text('hello?') }), { ActionStatus: 'OK', MsgSeq: 1 });
  // The answers below, not a timeout, are what let these messages go ahead.
  mock.setApp(SDKAPPID, { callbackTimeoutMs: PATIENT_MS });
  backend.answerWith((_r, res) => {
    res.statusCode = 500;
    res.end(JSON.stringify({ ErrorCode: 1 }));
  });
  t.match(await call(t, app, SEND, { GroupId: 'g1', Random: 2, MsgBody: text('a') }), { ActionStatus: 'OK', MsgSeq: 2 }, 'a 500 refuses nothing');
  backend.answerWith((_r, res) => res.end('not json'));
  t.match(await call(t, app, SEND, { GroupId: 'g1', Random: 3, MsgBody: text('b') }), { ActionStatus: 'OK', MsgSeq: 3 });
  t.equal((await history()).length, 3);
});

t.test('ForbidCallbackControl silences either callback; callbackCommands without them sends none', async (t) => {
  const { app, mock, journal } = await setUp(t);
  await call(t, app, SEND, { GroupId: 'g1', Random: 1, MsgBody: text('q'), ForbidCallbackControl: ['ForbidBeforeSendMsgCallback', 'ForbidAfterSendMsgCallback'] });
  mock.setApp(SDKAPPID, { callbackCommands: ['State.StateChange'] });
  await call(t, app, SEND, { GroupId: 'g1', Random: 2, MsgBody: text('off') });
  mock.setApp(SDKAPPID, { callbackCommands: null });
  const after = journal.next('Group.CallbackAfterSendMsg', 10_000);
  await call(t, app, SEND, { GroupId: 'g1', Random: 3, MsgBody: text('no before'), ForbidCallbackControl: ['ForbidBeforeSendMsgCallback'] });
  await after;
  await call(t, app, SEND, { GroupId: 'g1', Random: 4, MsgBody: text('no after'), ForbidCallbackControl: ['ForbidAfterSendMsgCallback'] });
  const sent = journal.page({}).callbacks.map((r) => `${r.command}:${String(r.payload.Random)}`);
  t.same(sent, ['Group.CallbackAfterSendMsg:3', 'Group.CallbackBeforeSendMsg:4']);
});

t.test('no callback for a message the group refuses itself, nor for a repeat within five minutes', async (t) => {
  const { app, backend, journal } = await setUp(t);
  t.match(await call(t, app, SEND, { GroupId: 'nope', Random: 1, MsgBody: text('x') }), { ErrorCode: 10010 });
  t.match(await call(t, app, SEND, { GroupId: 'g1', From_Account: 'carol', Random: 1, MsgBody: text('x') }), { ErrorCode: 10007 });
  const after = journal.next('Group.CallbackAfterSendMsg', 10_000);
  const first = await call(t, app, SEND, { GroupId: 'g1', From_Account: 'bob', Random: 5, MsgBody: text('once') });
  await after;
  const again = await call(t, app, SEND, { GroupId: 'g1', From_Account: 'bob', Random: 5, MsgBody: text('once') });
  t.equal(again.MsgSeq, first.MsgSeq, 'the repeat is the same message');
  t.same(backend.received.map((r) => r.body.CallbackCommand), ['Group.CallbackBeforeSendMsg', 'Group.CallbackAfterSendMsg']);
});

t.test('an AVChatRoom reports OnlineOnlyFlag 0 whatever was sent; another group reports 1', async (t) => {
  const { app, journal } = await setUp(t);
  const live = journal.next('Group.CallbackAfterSendMsg', 10_000);
  await call(t, app, SEND, { GroupId: 'live', Random: 1, MsgBody: text('x'), OnlineOnlyFlag: 1 });
  t.match((await live)?.payload, { Type: 'AVChatRoom', OnlineOnlyFlag: 0, MsgSeq: 1 });
  const team = journal.next('Group.CallbackAfterSendMsg', 10_000);
  await call(t, app, SEND, { GroupId: 'g1', Random: 1, MsgBody: text('x'), OnlineOnlyFlag: 1 });
  t.match((await team)?.payload, { Type: 'Public', OnlineOnlyFlag: 1 });
});

t.test('POST /__mock/clients/send_group_msg: a member\'s message with its OptPlatform, refused, silenced, or a vendor error', async (t) => {
  const { app, backend, journal, history } = await setUp(t);
  const before = backend.next();
  const after = journal.next('Group.CallbackAfterSendMsg', 10_000);
  const body = { sdkappid: SDKAPPID, account: 'bob', platform: 'Android', groupId: 'g1', MsgBody: text('from phone'), Random: 3 };
  const res = await json(app, 'POST', '/__mock/clients/send_group_msg', { body });
  t.same(res.body, { result: 'sent', MsgSeq: 1, MsgTime: T0 / 1000 });
  const got = await before;
  t.equal(got.url.searchParams.get('OptPlatform'), 'Android');
  t.match(got.body, { From_Account: 'bob', Operator_Account: 'bob', Random: 3, OnlineOnlyFlag: 0 });
  t.match((await after)?.payload, { MsgSeq: 1, From_Account: 'bob' });
  t.match(await history(), [{ From_Account: 'bob', MsgBody: text('from phone') }]);

  backend.answerWith(answer({ ActionStatus: 'OK', ErrorCode: 1, ErrorInfo: '' }));
  t.same((await json(app, 'POST', '/__mock/clients/send_group_msg', { body: { ...body, Random: 4 } })).body, { result: 'refused' });
  backend.answerWith(answer({ ActionStatus: 'OK', ErrorCode: 2, ErrorInfo: '' }));
  t.same((await json(app, 'POST', '/__mock/clients/send_group_msg', { body: { ...body, Random: 5 } })).body, { result: 'silenced' });
  t.equal((await history()).length, 1, 'neither was kept');

  const outsider = await json(app, 'POST', '/__mock/clients/send_group_msg', { body: { ...body, account: 'carol' } });
  t.equal(outsider.status, 400);
  t.match(outsider.body.message, /^the vendor answers 10007: /);
  const badBody = await json(app, 'POST', '/__mock/clients/send_group_msg', { body: { ...body, MsgBody: [{ MsgType: 'TIMTextElem' }] } });
  t.equal(badBody.status, 400);
  t.match(badBody.body.message, /^MsgBody: /);
});

t.test('mock.clients.sendGroupMsg in process, with the callbacks off and on', async (t) => {
  const { backend, mock, history } = await setUp(t);
  mock.setApp(SDKAPPID, { callbackUrl: null });
  const spec = { sdkappid: SDKAPPID, account: 'alice', platform: 'Web' };
  t.same(await mock.clients.sendGroupMsg({ ...spec, groupId: 'g1', MsgBody: text('quiet'), Random: 1 }), { result: 'sent', MsgSeq: 1, MsgTime: T0 / 1000 });
  t.equal(backend.received.length, 0, 'no URL, no callback');
  const sent = await mock.clients.sendGroupMsg({ ...spec, groupId: 'g1', MsgBody: text('random') });
  t.equal(sent.MsgSeq, 2, 'a Random is drawn when none is given');
  await t.rejects(mock.clients.sendGroupMsg({ ...spec, groupId: '', MsgBody: text('x') }), ClientActionError);
  await t.rejects(mock.clients.sendGroupMsg({ ...spec, groupId: 'nope', MsgBody: text('x') }), { message: /^the vendor answers 10010: / });
  t.equal((await history()).length, 2);
});
