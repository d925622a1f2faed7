import t from 'tap';
import type { FastifyInstance } from 'fastify';
import type { Test } from 'tap';
import { ADMIN, build, call, SDKAPPID, text } from '../../helper.js';
import { GROUP_HISTORY_MAX } from '../../../src/model/group-messages.js';

// Group messages and muting: send_group_msg, send_group_system_notification, group_msg_get_simple,
// group_msg_recall, forbid_send_msg and get_group_muted_account, each rule at its boundary.
const G = '/v4/group_open_http_svc';
const SEND = `${G}/send_group_msg`;
const NOTIFY = `${G}/send_group_system_notification`;
const HISTORY = `${G}/group_msg_get_simple`;
const RECALL = `${G}/group_msg_recall`;
const FORBID = `${G}/forbid_send_msg`;
const MUTED = `${G}/get_group_muted_account`;
const SHUTTED = `${G}/get_group_shutted_uin`;
const MEMBERS = `${G}/get_group_member_info`;
const INFO = `${G}/get_group_info`;
const DESTROY = `${G}/destroy_group`;

const SEND_PAGE = 'https://cloud.tencent.com/document/product/269/1629';
const GET_PAGE = 'https://cloud.tencent.com/document/product/269/2738';
const RECALL_PAGE = 'https://cloud.tencent.com/document/product/269/12341';
const FORBID_PAGE = 'https://cloud.tencent.com/document/product/269/1627';
const MUTED_PAGE = 'https://cloud.tencent.com/document/product/269/2925';
const NOTIFY_PAGE = 'https://cloud.tencent.com/document/product/269/1630';

const fail = (code: number) => ({ ActionStatus: 'FAIL', ErrorCode: code });
const ok = { ActionStatus: 'OK', ErrorCode: 0 };

async function group(t: Test, app: FastifyInstance, type = 'Public', ...members: string[]): Promise<string> {
  for (const id of ['owner', ...members]) app.mock.store.import(SDKAPPID, id, {});
  const reply = await call(t, app, `${G}/create_group`, {
    Type: type,
    Name: 'g',
    ...(type === 'AVChatRoom' ? {} : { Owner_Account: 'owner', MemberList: members.map((m) => ({ Member_Account: m })) }),
  });
  t.equal(reply.ErrorCode, 0, reply.ErrorInfo);
  return reply.GroupId as string;
}

let random = 1;
const send = (t: Test, app: FastifyInstance, groupId: string, body: Record<string, unknown> = {}) =>
  call(t, app, SEND, { GroupId: groupId, Random: random++, MsgBody: text('hi'), ...body });

t.test(`send_group_msg: per-group MsgSeq from 1, MsgTime from the clock, NextMsgSeq and LastMsgTime follow (${SEND_PAGE})`, async (t) => {
  const { app, clock } = build(t);
  const a = await group(t, app, 'Public', 'peter');
  const b = await group(t, app, 'Work', 'peter');
  const first = await send(t, app, a);
  t.match(first, { ...ok, MsgSeq: 1, MsgTime: Date.UTC(2026, 0, 1) / 1000 });
  clock.advance(5000);
  t.match(await send(t, app, a, { From_Account: 'peter' }), { MsgSeq: 2, MsgTime: Date.UTC(2026, 0, 1) / 1000 + 5 }, 'a member sends');
  t.match(await send(t, app, b), { MsgSeq: 1 }, 'each group counts on its own');
  const [info] = (await call(t, app, INFO, { GroupIdList: [a] })).GroupInfo as Array<Record<string, unknown>>;
  t.match(info, { NextMsgSeq: 3, LastMsgTime: Date.UTC(2026, 0, 1) / 1000 + 5 });
  const history = await call(t, app, HISTORY, { GroupId: a, ReqMsgNumber: 5 });
  t.match(history.RspMsgList, [
    { MsgSeq: 2, From_Account: 'peter', MsgBody: text('hi'), MsgPriority: 2, IsPlaceMsg: 0 },
    { MsgSeq: 1, From_Account: ADMIN },
  ], 'newest first; the admin is the sender when From_Account is absent');
  t.equal(history.IsFinished, 1);
});

t.test(`send_group_msg: who may send, and bad input changes nothing (${SEND_PAGE})`, async (t) => {
  const { app } = build(t);
  const g = await group(t, app, 'Public', 'peter');
  app.mock.store.import(SDKAPPID, 'outsider', {});
  t.match(await send(t, app, g, { From_Account: 'outsider' }), fail(10007), 'a non-member may not send');
  t.match(await send(t, app, g, { From_Account: 'ghost' }), fail(10019), 'an account that does not exist');
  t.match(await send(t, app, g, { From_Account: ADMIN }), { MsgSeq: 1 }, 'the admin named as From_Account');
  t.match(await send(t, app, '@TGS#2NOSUCH'), fail(10010));
  t.match(await call(t, app, SEND, { GroupId: g, MsgBody: text('x') }), fail(10004), 'Random is required');
  t.match(await call(t, app, SEND, { GroupId: g, Random: 4294967296, MsgBody: text('x') }), fail(10004), 'Random past 32 bits');
  t.match(await call(t, app, SEND, { GroupId: g, Random: 4294967295, MsgBody: text('x') }), ok, 'Random at 2^32 - 1');
  t.match(await call(t, app, SEND, { GroupId: g, Random: 7, MsgBody: [] }), fail(10004), 'an empty MsgBody');
  t.match(await call(t, app, SEND, { GroupId: g, Random: 7, MsgBody: [{ MsgType: 'TIMNoSuchElem', MsgContent: {} }] }), fail(10004));
  t.match(await send(t, app, g, { MsgPriority: 'Urgent' }), fail(10004), 'MsgPriority is High, Normal, Low or Lowest');
  t.match(await send(t, app, g, { MsgBody: text('x'.repeat(13 * 1024)) }), fail(10004), 'a MsgBody over 12 KB');
  t.equal(app.mock.groups.get(SDKAPPID, g)?.nextMsgSeq, 3, 'refused messages take no seq');
});

t.test(`send_group_msg: the same Random from the same sender within five minutes is one message (${SEND_PAGE})`, async (t) => {
  const { app, clock } = build(t);
  const g = await group(t, app, 'Public', 'peter');
  const first = await call(t, app, SEND, { GroupId: g, Random: 42, MsgBody: text('a') });
  clock.advance(299_000);
  t.same(await call(t, app, SEND, { GroupId: g, Random: 42, MsgBody: text('a') }), first, 'at 299 s: the same MsgSeq and MsgTime');
  t.match(await call(t, app, SEND, { GroupId: g, Random: 42, From_Account: 'peter', MsgBody: text('a') }), { MsgSeq: 2 }, 'another sender');
  clock.advance(1000);
  t.match(await call(t, app, SEND, { GroupId: g, Random: 42, MsgBody: text('a') }), { MsgSeq: 3 }, 'at 300 s: a new message');
});

t.test(`send_group_msg: an AVChatRoom and OnlineOnlyFlag take a seq but keep no history (${SEND_PAGE}, ${GET_PAGE})`, async (t) => {
  const { app } = build(t);
  const live = await group(t, app, 'AVChatRoom');
  app.mock.store.import(SDKAPPID, 'viewer', {});
  t.match(await send(t, app, live, { From_Account: 'viewer' }), { MsgSeq: 1 }, 'any account speaks in an AVChatRoom');
  t.match(await call(t, app, HISTORY, { GroupId: live, ReqMsgNumber: 1 }), fail(10007), 'an AVChatRoom has no history');
  const g = await group(t, app, 'Public');
  t.match(await send(t, app, g, { OnlineOnlyFlag: 1 }), { MsgSeq: 1 });
  t.match(await send(t, app, g, { OnlineOnlyFlag: 2 }), fail(10004));
  t.same((await call(t, app, HISTORY, { GroupId: g, ReqMsgNumber: 1 })).RspMsgList, [], 'an online-only message is not kept');
});

t.test(`group_msg_get_simple: ReqMsgSeq and ReqMsgNumber page back, 20 at most, IsFinished at the oldest (${GET_PAGE})`, async (t) => {
  const { app } = build(t);
  const g = await group(t, app);
  for (let i = 0; i < 25; i++) await send(t, app, g, { CloudCustomData: `c${i + 1}` });
  const page = await call(t, app, HISTORY, { GroupId: g, ReqMsgNumber: 21 });
  const seqs = (page.RspMsgList as Array<{ MsgSeq: number }>).map((m) => m.MsgSeq);
  t.equal(seqs.length, 20, 'ReqMsgNumber 21 answers 20');
  t.same([seqs[0], seqs[19]], [25, 6]);
  t.match(page, { GroupId: g, IsFinished: 0 });
  const rest = await call(t, app, HISTORY, { GroupId: g, ReqMsgNumber: 20, ReqMsgSeq: 5 });
  t.same((rest.RspMsgList as Array<{ MsgSeq: number }>).map((m) => m.MsgSeq), [5, 4, 3, 2, 1], 'the next page: the smallest seq minus 1');
  t.equal(rest.IsFinished, 1);
  t.match(rest.RspMsgList, [{ CloudCustomData: 'c5' }]);
  const exact = await call(t, app, HISTORY, { GroupId: g, ReqMsgNumber: 5, ReqMsgSeq: 5 });
  t.equal(exact.IsFinished, 1, 'finished when the page ends at the oldest message');
  t.equal((await call(t, app, HISTORY, { GroupId: g, ReqMsgNumber: 4, ReqMsgSeq: 5 })).IsFinished, 0);
  t.match(await call(t, app, HISTORY, { GroupId: g, ReqMsgNumber: 0 }), fail(10004), 'ReqMsgNumber from 1');
  t.match(await call(t, app, HISTORY, { GroupId: g }), fail(10004), 'ReqMsgNumber is required');
  t.match(await call(t, app, HISTORY, { GroupId: g, ReqMsgNumber: 1, WithRecalledMsg: 2 }), fail(10004));
  t.match(await call(t, app, HISTORY, { GroupId: '@TGS#2NONE', ReqMsgNumber: 1 }), fail(10010));
});

t.test(`group history: the oldest messages go past ${GROUP_HISTORY_MAX} per group`, async (t) => {
  const { app } = build(t);
  const g = await group(t, app);
  const stored = app.mock.groups.get(SDKAPPID, g);
  t.ok(stored);
  if (stored === undefined) return;
  for (let i = 0; i < GROUP_HISTORY_MAX + 1; i++) {
    app.mock.groups.history.append(stored, { random: i, time: 1, from: ADMIN, body: [], priority: 'Normal' });
  }
  t.equal(app.mock.groups.history.of(stored).length, GROUP_HISTORY_MAX);
  t.equal(app.mock.groups.history.of(stored)[0]?.seq, 2, 'seq 1 went first');
  const last = await call(t, app, HISTORY, { GroupId: g, ReqMsgNumber: 1, ReqMsgSeq: 2 });
  t.match(last, { IsFinished: 1, RspMsgList: [{ MsgSeq: 2 }] });
  t.match(await call(t, app, RECALL, { GroupId: g, MsgSeqList: [{ MsgSeq: 1 }] }), { RecallRetList: [{ MsgSeq: 1, RetCode: 10030 }] }, 'a dropped message cannot be recalled');
});

t.test(`group_msg_recall: per-message RetCode, recalled messages leave the history (${RECALL_PAGE}, ${GET_PAGE})`, async (t) => {
  const { app } = build(t);
  const g = await group(t, app);
  for (let i = 0; i < 3; i++) await send(t, app, g);
  t.match(await call(t, app, RECALL, { GroupId: g, MsgSeqList: [{ MsgSeq: 2 }, { MsgSeq: 9 }] }), {
    ...ok,
    RecallRetList: [{ MsgSeq: 2, RetCode: 0 }, { MsgSeq: 9, RetCode: 10030 }],
  });
  t.match(await call(t, app, RECALL, { GroupId: g, MsgSeqList: [{ MsgSeq: 2 }] }), { RecallRetList: [{ RetCode: 10030 }] }, 'recalled once only');
  const seqs = async (body: Record<string, unknown>) =>
    ((await call(t, app, HISTORY, { GroupId: g, ReqMsgNumber: 20, ...body })).RspMsgList as Array<{ MsgSeq: number }>).map((m) => m.MsgSeq);
  t.same(await seqs({}), [3, 1]);
  t.match((await call(t, app, HISTORY, { GroupId: g, ReqMsgNumber: 20, WithRecalledMsg: 1 })).RspMsgList, [
    { MsgSeq: 3 },
    { MsgSeq: 2, IsPlaceMsg: 1, MsgBody: [] },
    { MsgSeq: 1 },
  ]);
  await call(t, app, RECALL, { GroupId: g, MsgSeqList: [{ MsgSeq: 1 }] });
  t.match(await call(t, app, HISTORY, { GroupId: g, ReqMsgNumber: 1 }), { IsFinished: 1, RspMsgList: [{ MsgSeq: 3 }] }, 'only recalled ones are older');
  const eleven = Array.from({ length: 11 }, (_, i) => ({ MsgSeq: i }));
  t.match(await call(t, app, RECALL, { GroupId: g, MsgSeqList: eleven }), fail(10004), 'at most 10 a call');
  t.match(await call(t, app, RECALL, { GroupId: g, MsgSeqList: eleven.slice(0, 10) }), ok);
  t.match(await call(t, app, RECALL, { GroupId: g, MsgSeqList: [{ MsgSeq: -1 }] }), fail(10004));
  t.match(await call(t, app, RECALL, { GroupId: '@TGS#2NONE', MsgSeqList: [{ MsgSeq: 1 }] }), fail(10010));
});

t.test(`forbid_send_msg: muted members cannot send until the mute ends; get_group_muted_account lists them (${FORBID_PAGE}, ${MUTED_PAGE})`, async (t) => {
  const { app, clock } = build(t);
  const g = await group(t, app, 'Public', 'peter', 'tommy');
  const now = Date.UTC(2026, 0, 1) / 1000;
  t.match(await call(t, app, FORBID, { GroupId: g, Members_Account: ['peter', 'stranger'], MuteTime: 60 }), ok, 'non-members are passed over');
  t.match(await send(t, app, g, { From_Account: 'peter' }), fail(10017), 'a muted member cannot send');
  t.match(await send(t, app, g, { From_Account: 'tommy' }), ok);
  t.match(await send(t, app, g), ok, 'the admin is never muted');
  t.same((await call(t, app, MUTED, { GroupId: g })).ShuttedUinList, [{ Member_Account: 'peter', ShuttedUntil: now + 60 }]);
  t.same((await call(t, app, SHUTTED, { GroupId: g })).ShuttedUinList, [{ Member_Account: 'peter', ShuttedUntil: now + 60 }], 'the old name');
  t.match((await call(t, app, MEMBERS, { GroupId: g, MemberInfoFilter: ['ShutUpUntil'] })).MemberList, [
    { Member_Account: 'owner', ShutUpUntil: 0 },
    { Member_Account: 'peter', ShutUpUntil: now + 60 },
  ]);
  clock.advance(59_000);
  t.match(await send(t, app, g, { From_Account: 'peter' }), fail(10017), 'still muted at 59 s');
  clock.advance(1000);
  t.match(await send(t, app, g, { From_Account: 'peter' }), ok, 'free at 60 s');
  t.same((await call(t, app, MUTED, { GroupId: g })).ShuttedUinList, [], 'an ended mute is not listed');

  await call(t, app, FORBID, { GroupId: g, Members_Account: ['tommy'], ShutUpTime: 3600 });
  t.match(await send(t, app, g, { From_Account: 'tommy' }), fail(10017), 'ShutUpTime, the old name of MuteTime');
  await call(t, app, FORBID, { GroupId: g, Members_Account: ['tommy'], MuteTime: 0 });
  t.match(await send(t, app, g, { From_Account: 'tommy' }), ok, 'MuteTime 0 unmutes');
});

t.test(`forbid_send_msg: limits and group types (${FORBID_PAGE})`, async (t) => {
  const { app } = build(t);
  const g = await group(t, app, 'Public', 'peter');
  const work = await group(t, app, 'Work', 'peter');
  const many = (n: number) => Array.from({ length: n }, (_, i) => `m${i}`);
  t.match(await call(t, app, FORBID, { GroupId: g, Members_Account: many(501), MuteTime: 1 }), fail(10004), '501 accounts');
  t.match(await call(t, app, FORBID, { GroupId: g, Members_Account: many(500), MuteTime: 1 }), ok, '500 accounts');
  t.match(await call(t, app, FORBID, { GroupId: g, Members_Account: ['peter'], MuteTime: 4294967296 }), fail(10004));
  t.match(await call(t, app, FORBID, { GroupId: g, Members_Account: ['peter'], MuteTime: 4294967295 }), ok);
  t.match(await call(t, app, FORBID, { GroupId: g, Members_Account: ['peter'] }), fail(10004), 'MuteTime is required');
  t.match(await call(t, app, FORBID, { GroupId: g, Members_Account: [], MuteTime: 1 }), fail(10004));
  t.match(await call(t, app, FORBID, { GroupId: work, Members_Account: ['peter'], MuteTime: 1 }), fail(10007), 'Work groups cannot mute');
  t.match(await call(t, app, FORBID, { GroupId: '@TGS#2NONE', Members_Account: ['peter'], MuteTime: 1 }), fail(10010));
  t.match(await call(t, app, MUTED, { GroupId: '@TGS#2NONE' }), fail(10010));
});

t.test(`send_group_system_notification: to everyone or named members; an AVChatRoom to everyone only (${NOTIFY_PAGE})`, async (t) => {
  const { app } = build(t);
  const g = await group(t, app, 'Public', 'peter');
  const live = await group(t, app, 'AVChatRoom');
  t.match(await call(t, app, NOTIFY, { GroupId: g, Content: 'hello' }), ok);
  t.match(await call(t, app, NOTIFY, { GroupId: g, Content: 'hello', ToMembers_Account: ['peter'] }), ok);
  t.match(await call(t, app, NOTIFY, { GroupId: live, Content: 'hello' }), ok);
  t.match(await call(t, app, NOTIFY, { GroupId: live, Content: 'hello', ToMembers_Account: ['peter'] }), fail(10007));
  const names = Array.from({ length: 501 }, (_, i) => `m${i}`);
  t.match(await call(t, app, NOTIFY, { GroupId: g, Content: 'x', ToMembers_Account: names }), fail(10004), '501 recipients');
  t.match(await call(t, app, NOTIFY, { GroupId: g, Content: 'x', ToMembers_Account: names.slice(1) }), ok, '500 recipients');
  t.match(await call(t, app, NOTIFY, { GroupId: g }), fail(10004), 'Content is required');
  t.equal(app.mock.groups.get(SDKAPPID, g)?.nextMsgSeq, 1, 'a notification takes no MsgSeq');
});

t.test('destroy_group takes the group\'s messages with it (https://cloud.tencent.com/document/product/269/1624)', async (t) => {
  const { app } = build(t);
  const g = await group(t, app);
  await send(t, app, g);
  await call(t, app, DESTROY, { GroupId: g });
  t.match(await call(t, app, HISTORY, { GroupId: g, ReqMsgNumber: 1 }), fail(10010));
  t.match(await send(t, app, g), fail(10010));
});
