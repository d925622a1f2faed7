import t from 'tap';
import type { FastifyInstance } from 'fastify';
import { build, call, SDKAPPID, text } from '../../helper.js';

// import_group, import_group_member and import_group_msg: moving groups from another system.
const G = '/v4/group_open_http_svc';
const IMPORT = `${G}/import_group`;
const IMPORT_MEMBERS = `${G}/import_group_member`;
const IMPORT_MSGS = `${G}/import_group_msg`;
const INFO = `${G}/get_group_info`;
const MEMBERS = `${G}/get_group_member_info`;
const HISTORY = `${G}/group_msg_get_simple`;

const GROUP_PAGE = 'https://cloud.tencent.com/document/product/269/1634';
const MEMBER_PAGE = 'https://cloud.tencent.com/document/product/269/1636';
const MSG_PAGE = 'https://cloud.tencent.com/document/product/269/1635';

const NOW = Date.UTC(2026, 0, 1) / 1000;
const DAY = 86_400;
const fail = (code: number) => ({ ActionStatus: 'FAIL', ErrorCode: code });
const ok = { ActionStatus: 'OK', ErrorCode: 0 };

function accounts(app: FastifyInstance, ...ids: string[]): void {
  for (const id of ids) app.mock.store.import(SDKAPPID, id, {});
}

t.test(`import_group: create_group's rules with a CreateTime, no members (${GROUP_PAGE})`, async (t) => {
  const { app } = build(t);
  accounts(app, 'owner');
  const made = await call(t, app, IMPORT, { Type: 'Public', Name: 'old', Owner_Account: 'owner', CreateTime: NOW - DAY });
  t.match(made, ok);
  const groupId = made.GroupId as string;
  t.match(groupId, /^@TGS#2/);
  t.match((await call(t, app, INFO, { GroupIdList: [groupId] })).GroupInfo, [{ CreateTime: NOW - DAY, Owner_Account: 'owner', MemberNum: 1 }]);
  t.match(await call(t, app, IMPORT, { Type: 'Public', Name: 'x', CreateTime: NOW }), ok, 'CreateTime now');
  t.match(await call(t, app, IMPORT, { Type: 'Public', Name: 'x', CreateTime: NOW + 1 }), fail(10004), 'CreateTime in the future');
  t.match(await call(t, app, IMPORT, { Type: 'Public', Name: 'x', CreateTime: -1 }), fail(10004));
  t.match(await call(t, app, IMPORT, { Type: 'AVChatRoom', Name: 'x' }), fail(10007), 'an AVChatRoom cannot be imported');
  t.match(await call(t, app, IMPORT, { Type: 'Public', Name: 'x', MemberList: [{ Member_Account: 'owner' }] }), fail(10004), 'no MemberList');
  t.match(await call(t, app, IMPORT, { Type: 'Public', Name: 'x', Owner_Account: 'ghost' }), fail(10019));
  t.match(await call(t, app, IMPORT, { Type: 'Public', Name: 'x', GroupId: '@TGS#2RESERVED' }), fail(10015), 'a reserved id');
  t.match(await call(t, app, IMPORT, { Type: 'Public', Name: 'x', GroupId: 'mine' }), ok);
  t.match(await call(t, app, IMPORT, { Type: 'Public', Name: 'x', GroupId: 'mine' }), fail(10021), 'an id in use');
  t.equal(app.mock.groups.count(SDKAPPID), 3);
});

t.test(`import_group_member: Role, JoinTime and a Result per member (${MEMBER_PAGE})`, async (t) => {
  const { app } = build(t);
  accounts(app, 'owner', 'a', 'b', 'c', 'd');
  const groupId = (await call(t, app, IMPORT, { Type: 'Public', Name: 'g', Owner_Account: 'owner', CreateTime: NOW - DAY })).GroupId as string;
  const reply = await call(t, app, IMPORT_MEMBERS, {
    GroupId: groupId,
    MemberList: [
      { Member_Account: 'a', Role: 'Admin', JoinTime: NOW - DAY, UnreadMsgNum: 5 },
      { Member_Account: 'b' },
      { Member_Account: 'owner' },
      { Member_Account: 'ghost' },
      { Member_Account: 'c', JoinTime: NOW - DAY - 1 },
      { Member_Account: 'd', JoinTime: NOW + 1 },
    ],
  });
  t.match(reply.MemberList, [
    { Member_Account: 'a', Result: 1 },
    { Member_Account: 'b', Result: 1 },
    { Member_Account: 'owner', Result: 2 },
    { Member_Account: 'ghost', Result: 0 },
    { Member_Account: 'c', Result: 0 },
    { Member_Account: 'd', Result: 0 },
  ], 'a JoinTime before the group was created, or in the future, fails');
  t.match((await call(t, app, MEMBERS, { GroupId: groupId, MemberInfoFilter: ['Role', 'JoinTime'] })).MemberList, [
    { Member_Account: 'owner' },
    { Member_Account: 'a', Role: 'Admin', JoinTime: NOW - DAY },
    { Member_Account: 'b', Role: 'Member', JoinTime: NOW },
  ]);
  const many = Array.from({ length: 301 }, (_, i) => ({ Member_Account: `m${i}` }));
  t.match(await call(t, app, IMPORT_MEMBERS, { GroupId: groupId, MemberList: many }), fail(10004), '301 members');
  t.match(await call(t, app, IMPORT_MEMBERS, { GroupId: groupId, MemberList: many.slice(1) }), ok, '300 members');
  t.match(await call(t, app, IMPORT_MEMBERS, { GroupId: groupId, MemberList: [{ Member_Account: 'c', Role: 'Owner' }] }), fail(10004));
  t.match(await call(t, app, IMPORT_MEMBERS, { GroupId: groupId, MemberList: [{ Member_Account: 'c', UnreadMsgNum: -1 }] }), fail(10004));
  t.match(await call(t, app, IMPORT_MEMBERS, { GroupId: 'none', MemberList: [{ Member_Account: 'c' }] }), fail(10010));
  const work = (await call(t, app, `${G}/create_group`, { Type: 'Work', Name: 'w', Owner_Account: 'owner', MaxMemberCount: 2 })).GroupId;
  t.match(await call(t, app, IMPORT_MEMBERS, { GroupId: work, MemberList: [{ Member_Account: 'a' }] }), ok, 'up to MaxMemberNum');
  t.match(await call(t, app, IMPORT_MEMBERS, { GroupId: work, MemberList: [{ Member_Account: 'b' }] }), fail(10038), 'one past it');
  const live = (await call(t, app, `${G}/create_group`, { Type: 'AVChatRoom', Name: 'l' })).GroupId;
  t.match(await call(t, app, IMPORT_MEMBERS, { GroupId: live, MemberList: [{ Member_Account: 'a' }] }), fail(10007));
});

t.test(`import_group_msg: increasing SendTime after creation and the latest message, before now (${MSG_PAGE})`, async (t) => {
  const { app } = build(t);
  accounts(app, 'owner', 'peter');
  const groupId = (await call(t, app, IMPORT, { Type: 'Public', Name: 'g', Owner_Account: 'owner', CreateTime: NOW - DAY })).GroupId as string;
  const msg = (from: string, at: number, extra: Record<string, unknown> = {}) => ({ From_Account: from, SendTime: at, MsgBody: text(`at ${at}`), ...extra });
  const reply = await call(t, app, IMPORT_MSGS, {
    GroupId: groupId,
    MsgList: [msg('owner', NOW - DAY), msg('owner', NOW - DAY + 1, { Random: 9 }), msg('peter', NOW - 10), msg('peter', NOW - 20), msg('peter', NOW)],
  });
  t.same(reply.ImportMsgResult, [
    { Result: 1, MsgTime: NOW - DAY },
    { Result: 0, MsgTime: NOW - DAY + 1, MsgSeq: 1 },
    { Result: 0, MsgTime: NOW - 10, MsgSeq: 2 },
    { Result: 1, MsgTime: NOW - 20 },
    { Result: 1, MsgTime: NOW },
  ], 'at the creation second, out of order, or now: refused');
  t.match((await call(t, app, HISTORY, { GroupId: groupId, ReqMsgNumber: 5 })).RspMsgList, [
    { MsgSeq: 2, From_Account: 'peter', MsgTimeStamp: NOW - 10 },
    { MsgSeq: 1, From_Account: 'owner', MsgRandom: 9, MsgBody: text(`at ${NOW - DAY + 1}`) },
  ]);
  t.match((await call(t, app, IMPORT_MSGS, { GroupId: groupId, MsgList: [msg('owner', NOW - 10)] })).ImportMsgResult, [{ Result: 1 }], 'not after the latest message');
  const eight = Array.from({ length: 8 }, (_, i) => msg('owner', NOW - 8 + i));
  t.match(await call(t, app, IMPORT_MSGS, { GroupId: groupId, MsgList: eight }), fail(10004), '8 messages');
  t.match(await call(t, app, IMPORT_MSGS, { GroupId: groupId, MsgList: eight.slice(1) }), ok, '7 messages');
  t.match(await call(t, app, IMPORT_MSGS, { GroupId: groupId, MsgList: [{ From_Account: 'owner', MsgBody: text('x') }] }), fail(10004), 'SendTime is required');
  t.match(await call(t, app, IMPORT_MSGS, { GroupId: groupId, MsgList: [msg('owner', NOW - 1, { Random: -1 })] }), fail(10004));
  t.match(await call(t, app, IMPORT_MSGS, { GroupId: groupId, MsgList: [msg('owner', NOW - 1, { MsgBody: [] })] }), fail(10004));
  t.match(await call(t, app, IMPORT_MSGS, { GroupId: groupId, MsgList: [msg('owner', NOW - 1)], RecentContactFlag: 2 }), fail(10004));
  const live = (await call(t, app, `${G}/create_group`, { Type: 'AVChatRoom', Name: 'l' })).GroupId;
  t.match(await call(t, app, IMPORT_MSGS, { GroupId: live, MsgList: [msg('owner', NOW - 1)] }), fail(10007), 'an AVChatRoom: 10007');
});

t.test(`import_group: an owner already in 500 groups is refused, 10037 (${GROUP_PAGE})`, async (t) => {
  const { app } = build(t);
  accounts(app, 'busy');
  for (let i = 0; i < 500; i++) app.mock.groups.create(SDKAPPID, { type: 'Public', name: `g${i}`, owner: 'busy', members: [] });
  t.match(await call(t, app, IMPORT, { Type: 'Public', Name: 'one more', Owner_Account: 'busy' }), fail(10037));
});
