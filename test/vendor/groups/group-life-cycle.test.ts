import t from 'tap';
import type { FastifyInstance } from 'fastify';
import type { Test } from 'tap';
import { build, call, SDKAPPID } from '../../helper.js';
import { JOINED_GROUPS_MAX } from '../../../src/model/groups.js';

// The group life cycle as the public backends run it: create_group -> add_group_member ->
// modify_group_base_info -> delete_group_member -> destroy_group, read back by the vendor's read commands.
const G = '/v4/group_open_http_svc';
const CREATE = `${G}/create_group`;
const INFO = `${G}/get_group_info`;
const ADD = `${G}/add_group_member`;
const DEL = `${G}/delete_group_member`;
const MODIFY = `${G}/modify_group_base_info`;
const DESTROY = `${G}/destroy_group`;
const APPID_LIST = `${G}/get_appid_group_list`;
const JOINED = `${G}/get_joined_group_list`;
const MEMBERS = `${G}/get_group_member_info`;
const OWNER = `${G}/change_group_owner`;
const ROLE = `${G}/get_role_in_group`;
const MEMBER_INFO = `${G}/modify_group_member_info`;

const fail = (code: number) => ({ ActionStatus: 'FAIL', ErrorCode: code });
const ok = { ActionStatus: 'OK', ErrorCode: 0 };

function accounts(app: FastifyInstance, ...ids: string[]): void {
  for (const id of ids) app.mock.store.import(SDKAPPID, id, {});
}
const many = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
const members = (...ids: string[]) => ids.map((id) => ({ Member_Account: id }));

async function create(t: Test, app: FastifyInstance, body: Record<string, unknown>): Promise<string> {
  const reply = await call(t, app, CREATE, { Type: 'Public', Name: 'g', ...body });
  t.equal(reply.ErrorCode, 0, reply.ErrorInfo);
  return reply.GroupId as string;
}

t.test('the whole life cycle, each change seen by the read commands (269/1615, 1616, 1621, 1620, 1622, 1624)', async (t) => {
  const { app } = build(t);
  accounts(app, 'leckie', 'peter', 'tommy');
  const created = await call(t, app, CREATE, { Owner_Account: 'leckie', Type: 'Public', Name: 'TestGroup' });
  t.match(created, ok);
  const groupId = created.GroupId as string;
  t.match(groupId, /^@TGS#2[A-Z2-7]{8}$/, 'a generated @TGS# id, 2 marking a Public group as the vendor\'s ids do');

  t.match(await call(t, app, ADD, { GroupId: groupId, MemberList: members('peter', 'tommy', 'leckie', 'nobody') }), {
    MemberList: [
      { Member_Account: 'peter', Result: 1 },
      { Member_Account: 'tommy', Result: 1 },
      { Member_Account: 'leckie', Result: 2 },
      { Member_Account: 'nobody', Result: 0 },
    ],
  }, 'per member: 1 added, 2 already a member, 0 failed (https://cloud.tencent.com/document/product/269/1621)');

  t.match(await call(t, app, MODIFY, { GroupId: groupId, Name: 'Renamed', Notification: 'hello' }), ok);
  const info = await call(t, app, INFO, { GroupIdList: [groupId] });
  t.match(info.GroupInfo, [{ GroupId: groupId, ErrorCode: 0, Name: 'Renamed', Notification: 'hello', Owner_Account: 'leckie', MemberNum: 3, Type: 'Public', InfoSeq: 3 }]);

  t.match(await call(t, app, DEL, { GroupId: groupId, MemberToDel_Account: ['peter', 'stranger'] }), ok, 'non-members are skipped');
  t.same((await call(t, app, MEMBERS, { GroupId: groupId, MemberInfoFilter: ['Role'] })).MemberList, [
    { Member_Account: 'leckie', Role: 'Owner' },
    { Member_Account: 'tommy', Role: 'Member' },
  ]);
  t.same((await call(t, app, JOINED, { Member_Account: 'tommy' })).GroupIdList, [{ GroupId: groupId, Type: 'Public', Name: 'Renamed' }]);
  t.same((await call(t, app, JOINED, { Member_Account: 'peter' })).TotalCount, 0, 'a removed member no longer lists it');

  t.match(await call(t, app, DESTROY, { GroupId: groupId }), ok);
  t.match((await call(t, app, INFO, { GroupIdList: [groupId] })).GroupInfo, [{ GroupId: groupId, ErrorCode: 10010 }], 'gone: 10010 in its entry');
  t.same((await call(t, app, JOINED, { Member_Account: 'tommy' })).TotalCount, 0, 'gone for every member (https://cloud.tencent.com/document/product/269/1624)');
  t.same((await call(t, app, JOINED, { Member_Account: 'leckie' })).TotalCount, 0);
  t.match(await call(t, app, ADD, { GroupId: groupId, MemberList: members('peter') }), fail(10010), 'adding to a destroyed group is 10010');
  t.match(await call(t, app, DESTROY, { GroupId: groupId }), fail(10010));
  t.match(await call(t, app, MODIFY, { GroupId: groupId, Name: 'x' }), fail(10010));
  t.equal(app.mock.groups.count(SDKAPPID), 0);
});

t.test('create_group: types, owner, members and ids (https://cloud.tencent.com/document/product/269/1615)', async (t) => {
  const { app } = build(t);
  accounts(app, 'owner', 'm1', 'm2');
  const marks: Record<string, RegExp> = {
    Private: /^@TGS#1/,
    Work: /^@TGS#1/,
    Public: /^@TGS#2/,
    ChatRoom: /^@TGS#3/,
    Meeting: /^@TGS#3/,
    AVChatRoom: /^@TGS#a/,
    Community: /^@TGS#_@TGS#c/,
  };
  for (const [type, mark] of Object.entries(marks)) {
    t.match(await create(t, app, { Type: type }), mark, type);
  }
  t.match(await call(t, app, CREATE, { Type: 'Team', Name: 'g' }), fail(10004), 'an unknown type');
  t.match(await call(t, app, CREATE, { Name: 'g' }), fail(10004), 'no type');
  t.match(await call(t, app, CREATE, { Type: 'Public' }), fail(10004), 'no name');
  t.match(await call(t, app, CREATE, { Type: 'Public', Name: '' }), fail(10004), 'an empty name');

  const id = await create(t, app, { Owner_Account: 'owner', MemberList: [{ Member_Account: 'm1', Role: 'Admin' }, { Member_Account: 'm2' }] });
  t.same((await call(t, app, ROLE, { GroupId: id, User_Account: ['owner', 'm1', 'm2', 'other'] })).UserIdList, [
    { Member_Account: 'owner', Role: 'Owner' },
    { Member_Account: 'm1', Role: 'Admin' },
    { Member_Account: 'm2', Role: 'Member' },
    { Member_Account: 'other', Role: 'NotMember' },
  ]);
  const ownerless = await create(t, app, {});
  t.match((await call(t, app, INFO, { GroupIdList: [ownerless] })).GroupInfo, [{ Owner_Account: '', MemberNum: 0 }], 'no owner, no members');

  const before = app.mock.groups.count(SDKAPPID);
  t.match(await call(t, app, CREATE, { Type: 'Public', Name: 'g', Owner_Account: 'ghost' }), fail(10019), 'an owner that is not an account');
  t.match(await call(t, app, CREATE, { Type: 'Public', Name: 'g', MemberList: members('m1', 'ghost') }), fail(10019), 'a member that is not an account');
  t.match(await call(t, app, CREATE, { Type: 'AVChatRoom', Name: 'g', MemberList: members('m1') }), fail(10007), 'an AVChatRoom takes no members');
  t.match(await call(t, app, CREATE, { Type: 'Public', Name: 'g', MemberList: [{ Member_Account: 'm1', Role: 'Owner' }] }), fail(10004), 'Role is Admin or absent');
  t.match(await call(t, app, CREATE, { Type: 'Public', Name: 'g', MemberList: 'm1' }), fail(10004));
  t.match(await call(t, app, CREATE, { Type: 'Public', Name: 'g', Owner_Account: 7 }), fail(10004));
  t.equal(app.mock.groups.count(SDKAPPID), before, 'refused calls create nothing');
});

t.test('custom GroupId: 48 bytes, no @TGS# prefix, a Community\'s with @TGS#_, unique (269/1615)', async (t) => {
  const { app } = build(t);
  t.equal(await create(t, app, { GroupId: 'a'.repeat(48) }), 'a'.repeat(48), '48 bytes');
  t.match(await call(t, app, CREATE, { Type: 'Public', Name: 'g', GroupId: 'b'.repeat(49) }), fail(10015), '49 bytes');
  t.equal(await create(t, app, { GroupId: `${'中'.repeat(16)}` }), '中'.repeat(16), '16 three-byte characters: 48 bytes');
  t.match(await call(t, app, CREATE, { Type: 'Public', Name: 'g', GroupId: `${'中'.repeat(16)}x` }), fail(10015), '49 bytes');
  t.match(await call(t, app, CREATE, { Type: 'Public', Name: 'g', GroupId: '@TGS#2ABCDEFGH' }), fail(10015), 'the reserved prefix');
  t.match(await call(t, app, CREATE, { Type: 'Public', Name: 'g', GroupId: '@TGS#_x' }), fail(10015), 'the Community prefix on another type');
  t.match(await call(t, app, CREATE, { Type: 'Community', Name: 'g', GroupId: 'plain' }), fail(10015), 'a Community id without @TGS#_');
  t.equal(await create(t, app, { Type: 'Community', GroupId: '@TGS#_mine' }), '@TGS#_mine');
  t.equal(await create(t, app, { GroupId: 'tgs-lookalike@TGS#' }), 'tgs-lookalike@TGS#', 'the prefix only matters at the start');
  t.match(await call(t, app, CREATE, { Type: 'Public', Name: 'g', GroupId: 'a'.repeat(48) }), fail(10021), 'an id in use');
  t.match(await call(t, app, CREATE, { Type: 'Public', Name: 'g', GroupId: 5 }), fail(10004));
  t.equal(app.mock.groups.count(SDKAPPID), 4);
});

t.test('profile fields: Name 30, Introduction 240, Notification 300, FaceUrl 100 bytes (269/1615, 269/1620)', async (t) => {
  const { app } = build(t);
  const limits: [string, number][] = [['Name', 30], ['Introduction', 240], ['Notification', 300], ['FaceUrl', 100]];
  const id = await create(t, app, {});
  for (const [field, max] of limits) {
    t.ok(await create(t, app, { [field]: 'x'.repeat(max) }), `${field}: ${max} bytes`);
    t.match(await call(t, app, CREATE, { Type: 'Public', Name: 'g', [field]: 'x'.repeat(max + 1) }), fail(10004), `${field}: ${max + 1} bytes`);
    t.match(await call(t, app, MODIFY, { GroupId: id, [field]: 'y'.repeat(max) }), ok, `modify ${field}: ${max} bytes`);
    t.match(await call(t, app, MODIFY, { GroupId: id, [field]: 'z'.repeat(max + 1) }), fail(10004), `modify ${field}: ${max + 1} bytes`);
  }
  t.match(await call(t, app, MODIFY, { GroupId: id, Name: '' }), fail(10004), 'an empty name');
  t.match((await call(t, app, INFO, { GroupIdList: [id] })).GroupInfo, [{ Name: 'y'.repeat(30), FaceUrl: 'y'.repeat(100) }], 'refused changes change nothing');
  t.match(await call(t, app, MODIFY, { GroupId: id, ApplyJoinOption: 'FreeAccess' }), ok);
  t.match(await call(t, app, MODIFY, { GroupId: id, ApplyJoinOption: 'Anyone' }), fail(10004));
  t.match(await call(t, app, MODIFY, {}), fail(10004), 'no GroupId');
});

t.test('member limits per type, plus one (https://cloud.tencent.com/document/product/269/1502)', async (t) => {
  const { app } = build(t);
  const ids = many('u', 201);
  accounts(app, ...ids);
  // Work/Private: 200 members. Created with the owner and 99 members, then 100 more fills it.
  const work = await create(t, app, { Type: 'Work', Owner_Account: 'u0', MemberList: members(...ids.slice(1, 100)) });
  t.match(await call(t, app, ADD, { GroupId: work, MemberList: members(...ids.slice(100, 201)) }), fail(10038), '201 members');
  t.equal(app.mock.groups.get(SDKAPPID, work)?.members.size, 100, 'the refused call added none');
  t.match(await call(t, app, ADD, { GroupId: work, MemberList: members(...ids.slice(100, 200)) }), ok, '200 members');
  t.equal(app.mock.groups.get(SDKAPPID, work)?.members.size, 200);
  t.match(await call(t, app, ADD, { GroupId: work, MemberList: members('u200') }), fail(10038), 'one more');
  t.match(await call(t, app, ADD, { GroupId: work, MemberList: members('u5') }), { MemberList: [{ Member_Account: 'u5', Result: 2 }] }, 'a member already in is no new member');
  // MaxMemberCount caps a group below its type's limit, and may not exceed that limit.
  const small = await create(t, app, { MaxMemberCount: 2, Owner_Account: 'u0', MemberList: members('u1') });
  t.match(await call(t, app, ADD, { GroupId: small, MemberList: members('u2') }), fail(10038));
  t.match(await call(t, app, CREATE, { Type: 'Public', Name: 'g', MaxMemberCount: 2, MemberList: members('u1', 'u2', 'u3') }), fail(10038));
  t.ok(await create(t, app, { Type: 'Public', MaxMemberCount: 2000 }), 'Public: 2000');
  t.match(await call(t, app, CREATE, { Type: 'Public', Name: 'g', MaxMemberCount: 2001 }), fail(10004), 'Public: 2001');
  t.ok(await create(t, app, { Type: 'Meeting', MaxMemberCount: 6000 }), 'Meeting: 6000');
  t.match(await call(t, app, CREATE, { Type: 'ChatRoom', Name: 'g', MaxMemberCount: 6001 }), fail(10004), 'ChatRoom: 6001');
  t.ok(await create(t, app, { Type: 'Community', MaxMemberCount: 100000 }), 'Community: 100000');
  t.match(await call(t, app, CREATE, { Type: 'Community', Name: 'g', MaxMemberCount: 100001 }), fail(10004), 'Community: 100001');
  t.match(await call(t, app, CREATE, { Type: 'Work', Name: 'g', MaxMemberCount: 0 }), fail(10004), '0');
  // MaxMemberNum: not below the members there are, nor above the type's limit.
  t.match(await call(t, app, MODIFY, { GroupId: small, MaxMemberNum: 1 }), fail(10004), 'below its 2 members');
  t.match(await call(t, app, MODIFY, { GroupId: small, MaxMemberNum: 2001 }), fail(10004), 'above Public\'s 2000');
  t.match(await call(t, app, MODIFY, { GroupId: small, MaxMemberNum: 3 }), ok);
  t.match(await call(t, app, ADD, { GroupId: small, MemberList: members('u2') }), ok, 'room for one more');
});

t.test('initial members: at most 100 in create_group; 300 per add_group_member; 100 per delete (269/1615, 1621, 1622)', async (t) => {
  const { app } = build(t);
  const ids = many('m', 301);
  accounts(app, ...ids);
  t.match(await call(t, app, CREATE, { Type: 'Public', Name: 'g', MemberList: members(...ids.slice(0, 101)) }), fail(10038), '101 initial members');
  const id = await create(t, app, { MemberList: members(...ids.slice(0, 100)) });
  t.equal(app.mock.groups.get(SDKAPPID, id)?.members.size, 100, '100 initial members');
  const big = await create(t, app, {});
  t.match(await call(t, app, ADD, { GroupId: big, MemberList: members(...ids) }), fail(10004), '301 in one call');
  t.match(await call(t, app, ADD, { GroupId: big, MemberList: members(...ids.slice(0, 300)) }), ok, '300 in one call');
  t.match(await call(t, app, ADD, { GroupId: big, MemberList: [] }), fail(10004), 'none');
  t.match(await call(t, app, DEL, { GroupId: big, MemberToDel_Account: ids.slice(0, 101) }), fail(10004), '101 removed in one call');
  t.equal(app.mock.groups.get(SDKAPPID, big)?.members.size, 300, 'unchanged');
  t.match(await call(t, app, DEL, { GroupId: big, MemberToDel_Account: ids.slice(0, 100) }), ok, '100');
  t.equal(app.mock.groups.get(SDKAPPID, big)?.members.size, 200);
  t.match(await call(t, app, DEL, { GroupId: big, MemberToDel_Account: [] }), fail(10004));
  t.match(await call(t, app, ADD, { GroupId: big, Silence: 2, MemberList: members('m0') }), fail(10004), 'Silence is 0 or 1');
  t.match(await call(t, app, ADD, { GroupId: big, Silence: 1, MemberList: members('m0') }), { MemberList: [{ Result: 1 }] });
});

t.test('AVChatRoom refuses add_group_member, delete_group_member and change_group_owner with 10007 (269/1621, 1622)', async (t) => {
  const { app } = build(t);
  accounts(app, 'a', 'b');
  const id = await create(t, app, { Type: 'AVChatRoom', Owner_Account: 'a' });
  t.match(await call(t, app, ADD, { GroupId: id, MemberList: members('b') }), fail(10007));
  t.match(await call(t, app, DEL, { GroupId: id, MemberToDel_Account: ['a'] }), fail(10007));
  t.match(await call(t, app, OWNER, { GroupId: id, NewOwner_Account: 'a' }), fail(10007));
  t.equal(app.mock.groups.get(SDKAPPID, id)?.members.size, 1);
});

t.test('groups per account: 500 (AVChatRoom aside), then 10037 or Result 0', async (t) => {
  const { app } = build(t);
  accounts(app, 'busy', 'free');
  for (let i = 0; i < JOINED_GROUPS_MAX; i++) {
    t.ok(app.mock.groups.create(SDKAPPID, { type: 'Public', name: 'g', members: [{ account: 'busy' }] }).ok);
  }
  t.match(await call(t, app, CREATE, { Type: 'Public', Name: 'g', Owner_Account: 'busy' }), fail(10037), 'the 501st');
  t.ok(await create(t, app, { Type: 'AVChatRoom', Owner_Account: 'busy' }), 'an AVChatRoom does not count');
  const id = await create(t, app, { Owner_Account: 'free' });
  t.match(await call(t, app, ADD, { GroupId: id, MemberList: members('busy') }), { MemberList: [{ Member_Account: 'busy', Result: 0 }] });
  t.match(await call(t, app, DEL, { GroupId: app.mock.groups.joinedBy(SDKAPPID, 'busy')[0], MemberToDel_Account: ['busy'] }), ok, 'leaving one');
  t.match(await call(t, app, ADD, { GroupId: id, MemberList: members('busy') }), { MemberList: [{ Member_Account: 'busy', Result: 1 }] }, 'makes room for one');
  t.equal((await call(t, app, JOINED, { Member_Account: 'busy' })).TotalCount, 500);
  t.equal((await call(t, app, JOINED, { Member_Account: 'busy', GroupType: 'AVChatRoom' })).TotalCount, 1, 'AVChatRoom ones only when asked (269/1625)');
});

t.test('get_group_info: 1 to 50 ids, ResponseFilter (https://cloud.tencent.com/document/product/269/1616)', async (t) => {
  const { app, clock } = build(t);
  accounts(app, 'a', 'b');
  const id = await create(t, app, { Owner_Account: 'a', MemberList: members('b') });
  const all = (await call(t, app, INFO, { GroupIdList: [id] })).GroupInfo as Record<string, unknown>[];
  t.same(Object.keys(all[0] ?? {}), ['GroupId', 'ErrorCode', 'ErrorInfo', 'Type', 'Name', 'Introduction', 'Notification', 'FaceUrl', 'Owner_Account', 'CreateTime', 'InfoSeq', 'LastInfoTime', 'LastMsgTime', 'NextMsgSeq', 'MemberNum', 'MaxMemberNum', 'ApplyJoinOption', 'MemberList']);
  t.equal(all[0]?.CreateTime, Math.floor(clock.now() / 1000), 'CreateTime from the controllable clock');
  t.same(all[0]?.MaxMemberNum, 2000);
  t.same((all[0]?.MemberList as unknown[])[0], { Member_Account: 'a', Role: 'Owner', JoinTime: Math.floor(clock.now() / 1000), MsgSeq: 0, MsgFlag: 'AcceptAndNotify', LastSendMsgTime: 0, ShutUpUntil: 0, NameCard: '' });
  t.same((await call(t, app, INFO, { GroupIdList: [id], ResponseFilter: { GroupBaseInfoFilter: ['Name', 'MemberNum'] } })).GroupInfo, [
    { GroupId: id, ErrorCode: 0, ErrorInfo: '', Name: 'g', MemberNum: 2 },
  ], 'only the base fields asked for, no members');
  t.same((await call(t, app, INFO, { GroupIdList: [id], ResponseFilter: { MemberInfoFilter: ['Role'] } })).GroupInfo, [
    { GroupId: id, ErrorCode: 0, ErrorInfo: '', MemberList: [{ Member_Account: 'a', Role: 'Owner' }, { Member_Account: 'b', Role: 'Member' }] },
  ]);
  const fifty = [id, ...many('missing', 49)];
  t.equal(((await call(t, app, INFO, { GroupIdList: fifty })).GroupInfo as unknown[]).length, 50, '50');
  t.match(await call(t, app, INFO, { GroupIdList: [...fifty, 'one-more'] }), fail(10004), '51');
  t.match(await call(t, app, INFO, { GroupIdList: [] }), fail(10004), 'none');
  t.match(await call(t, app, INFO, { GroupIdList: [id], ResponseFilter: 'Name' }), fail(10004));
  t.match(await call(t, app, INFO, { GroupIdList: [id], ResponseFilter: { GroupBaseInfoFilter: [1] } }), fail(10004));
});

t.test('get_appid_group_list pages with Limit and Next, skipping destroyed groups (269/1614)', async (t) => {
  const { app } = build(t);
  const ids: string[] = [];
  for (let i = 0; i < 5; i++) ids.push(await create(t, app, { Type: i % 2 === 0 ? 'Public' : 'Work' }));
  await call(t, app, DESTROY, { GroupId: ids[1] });
  const first = await call(t, app, APPID_LIST, { Limit: 2 });
  t.same(first.GroupIdList, [{ GroupId: ids[0] }, { GroupId: ids[2] }]);
  t.equal(first.TotalCount, 4);
  const second = await call(t, app, APPID_LIST, { Limit: 2, Next: first.Next });
  t.same(second.GroupIdList, [{ GroupId: ids[3] }, { GroupId: ids[4] }]);
  t.equal(second.Next, 0, 'the last page says Next 0');
  t.same((await call(t, app, APPID_LIST, {})).GroupIdList, [ids[0], ids[2], ids[3], ids[4]].map((GroupId) => ({ GroupId })), 'no Limit: up to 10000');
  t.same((await call(t, app, APPID_LIST, { GroupType: 'Work' })).GroupIdList, [{ GroupId: ids[3] }], 'GroupType filters');
  const publicFirst = await call(t, app, APPID_LIST, { GroupType: 'Public', Limit: 2 });
  t.same(publicFirst.GroupIdList, [{ GroupId: ids[0] }, { GroupId: ids[2] }]);
  const publicNext = await call(t, app, APPID_LIST, { GroupType: 'Public', Limit: 2, Next: publicFirst.Next });
  t.same([publicNext.GroupIdList, publicNext.Next], [[{ GroupId: ids[4] }], 0], "a type's pages follow that type's groups alone");
  t.same((await call(t, app, APPID_LIST, { GroupType: 'AVChatRoom' })).GroupIdList, [], 'a type the app has none of');
  t.match(await call(t, app, APPID_LIST, { Limit: 10000 }), ok, '10000');
  t.match(await call(t, app, APPID_LIST, { Limit: 10001 }), fail(10004), '10001');
  t.match(await call(t, app, APPID_LIST, { Limit: 0 }), fail(10004));
  t.match(await call(t, app, APPID_LIST, { Next: -1 }), fail(10004));
  t.match(await call(t, app, APPID_LIST, { GroupType: 'Team' }), fail(10004));
});

t.test('get_group_member_info pages with Limit (at most 6000) and Offset (269/1617)', async (t) => {
  const { app } = build(t);
  accounts(app, 'o', 'a', 'b', 'c');
  const id = await create(t, app, { Owner_Account: 'o', MemberList: [{ Member_Account: 'a', Role: 'Admin' }, { Member_Account: 'b' }, { Member_Account: 'c' }] });
  const page = await call(t, app, MEMBERS, { GroupId: id, Limit: 2, Offset: 1, MemberInfoFilter: ['Role'] });
  t.equal(page.MemberNum, 4, 'MemberNum counts every member');
  t.same(page.MemberList, [{ Member_Account: 'a', Role: 'Admin' }, { Member_Account: 'b', Role: 'Member' }]);
  t.same((await call(t, app, MEMBERS, { GroupId: id, Offset: 4 })).MemberList, [], 'past the end');
  t.same((await call(t, app, MEMBERS, { GroupId: id, MemberRoleFilter: ['Admin'], MemberInfoFilter: [] })).MemberList, [{ Member_Account: 'a' }]);
  t.match(await call(t, app, MEMBERS, { GroupId: id, Limit: 6000 }), ok, '6000');
  t.match(await call(t, app, MEMBERS, { GroupId: id, Limit: 6001 }), fail(10004), '6001');
  t.match(await call(t, app, MEMBERS, { GroupId: 'nope' }), fail(10010));
});

t.test('get_joined_group_list pages with Limit and Offset; the account must exist (269/1625)', async (t) => {
  const { app } = build(t);
  accounts(app, 'a');
  const ids = [await create(t, app, { Owner_Account: 'a' }), await create(t, app, { Owner_Account: 'a' }), await create(t, app, { Owner_Account: 'a' })];
  const page = await call(t, app, JOINED, { Member_Account: 'a', Limit: 1, Offset: 1 });
  t.equal(page.TotalCount, 3);
  t.match(page.GroupIdList, [{ GroupId: ids[1] }]);
  t.match(await call(t, app, JOINED, { Member_Account: 'ghost' }), fail(10019));
  t.match(await call(t, app, JOINED, {}), fail(10004));
});

t.test('change_group_owner: a member only; the old owner stays a member (https://cloud.tencent.com/document/product/269/1633)', async (t) => {
  const { app } = build(t);
  accounts(app, 'old', 'new', 'outsider');
  const id = await create(t, app, { Owner_Account: 'old', MemberList: members('new') });
  t.match(await call(t, app, OWNER, { GroupId: id, NewOwner_Account: 'outsider' }), fail(10007), 'a non-member');
  t.equal(app.mock.groups.get(SDKAPPID, id)?.owner, 'old', 'unchanged');
  t.match(await call(t, app, OWNER, { GroupId: id, NewOwner_Account: 'new' }), ok);
  t.same((await call(t, app, ROLE, { GroupId: id, User_Account: ['old', 'new'] })).UserIdList, [
    { Member_Account: 'old', Role: 'Member' },
    { Member_Account: 'new', Role: 'Owner' },
  ]);
  t.match(await call(t, app, DEL, { GroupId: id, MemberToDel_Account: ['new'] }), fail(10004), 'the owner cannot be removed');
  t.match(await call(t, app, DEL, { GroupId: id, MemberToDel_Account: ['old'] }), ok);
  const ownerless = await create(t, app, { MemberList: members('old') });
  t.match(await call(t, app, OWNER, { GroupId: ownerless, NewOwner_Account: 'old' }), ok, 'a group without an owner gets one');
  t.match(await call(t, app, OWNER, { GroupId: id }), fail(10004));
  t.match(await call(t, app, OWNER, { GroupId: 'nope', NewOwner_Account: 'new' }), fail(10010));
});

t.test('get_role_in_group: 1 to 500 accounts (269/1626)', async (t) => {
  const { app } = build(t);
  const id = await create(t, app, {});
  t.equal(((await call(t, app, ROLE, { GroupId: id, User_Account: many('x', 500) })).UserIdList as unknown[]).length, 500);
  t.match(await call(t, app, ROLE, { GroupId: id, User_Account: many('x', 501) }), fail(10004));
  t.match(await call(t, app, ROLE, { GroupId: id, User_Account: [] }), fail(10004));
});

t.test('modify_group_member_info: Role, NameCard (50 bytes), MsgFlag, ShutUpTime (https://cloud.tencent.com/document/product/269/1623)', async (t) => {
  const { app, clock } = build(t);
  accounts(app, 'o', 'm', 'x');
  const id = await create(t, app, { Owner_Account: 'o', MemberList: members('m') });
  t.match(await call(t, app, MEMBER_INFO, { GroupId: id, Member_Account: 'm', Role: 'Admin', NameCard: 'n'.repeat(50), MsgFlag: 'Discard', ShutUpTime: 60 }), ok);
  t.same((await call(t, app, MEMBERS, { GroupId: id, Offset: 1 })).MemberList, [{
    Member_Account: 'm', Role: 'Admin', JoinTime: Math.floor(clock.now() / 1000), MsgSeq: 0, MsgFlag: 'Discard', LastSendMsgTime: 0, ShutUpUntil: Math.floor(clock.now() / 1000) + 60, NameCard: 'n'.repeat(50),
  }]);
  t.match(await call(t, app, MEMBER_INFO, { GroupId: id, Member_Account: 'm', ShutUpTime: 0 }), ok, '0 ends the mute');
  t.equal(app.mock.groups.get(SDKAPPID, id)?.members.get('m')?.shutUpUntil, 0);
  t.match(await call(t, app, MEMBER_INFO, { GroupId: id, Member_Account: 'm', NameCard: 'n'.repeat(51) }), fail(10004), '51 bytes');
  t.match(await call(t, app, MEMBER_INFO, { GroupId: id, Member_Account: 'm', Role: 'Owner' }), fail(10004));
  t.match(await call(t, app, MEMBER_INFO, { GroupId: id, Member_Account: 'o', Role: 'Member' }), fail(10004), "the owner's role");
  t.match(await call(t, app, MEMBER_INFO, { GroupId: id, Member_Account: 'x', NameCard: 'a' }), fail(10007), 'a non-member');
  t.match(await call(t, app, MEMBER_INFO, { GroupId: id, Member_Account: 'm', Role: 'Member' }), ok);
  t.equal(app.mock.groups.get(SDKAPPID, id)?.members.get('m')?.role, 'Member');
});

t.test('the group commands need the admin (10007) and a JSON object body (10004)', async (t) => {
  const { app } = build(t);
  t.match(await call(t, app, CREATE, { Type: 'Public', Name: 'g' }, { query: { identifier: 'someone' } }), fail(10007));
  t.match(await call(t, app, CREATE, undefined, { raw: '[1]' }), fail(10004));
  t.equal(app.mock.groups.count(SDKAPPID), 0);
});
