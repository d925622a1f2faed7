import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { STATE_FORMAT, STATE_VERSION, type StateDocument } from '../../src/services/state-file/document.js';
import { build, call, IMPORT, SDKAPPID, text } from '../helper.js';

// Profiles, logins, messages, groups and friends in the state document (issues 26 and 27): an
// export imported into a fresh emulator, or a restart from the state file, answers the vendor's
// read commands as before.

const G = '/v4/group_open_http_svc';

const getState = async (app: FastifyInstance): Promise<StateDocument> => (await app.inject({ method: 'GET', url: '/__mock/state' })).json();
const putState = (app: FastifyInstance, body: unknown) =>
  app.inject({ method: 'PUT', url: '/__mock/state', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });

/** Every write of issues 26 and 27, through the vendor's commands and the control plane. */
async function populate(t: Test, app: FastifyInstance): Promise<string> {
  for (const UserID of ['alice', 'bob', 'carol']) t.match(await call(t, app, IMPORT, { UserID, Nick: UserID }), { ErrorCode: 0 });
  t.match(await call(t, app, '/v4/profile/portrait_set', {
    From_Account: 'alice',
    ProfileItem: [{ Tag: 'Tag_Profile_IM_Gender', Value: 'Gender_Type_Female' }, { Tag: 'Tag_Profile_IM_Level', Value: 7 }],
  }), { ErrorCode: 0 });
  const online = await app.inject({ method: 'PUT', url: '/__mock/online', payload: { sdkappid: SDKAPPID, identifier: 'bob', platform: 'Android', status: 'Online' } });
  t.equal(online.statusCode, 200, online.body);
  const sent = await call(t, app, '/v4/openim/sendmsg', { From_Account: 'alice', To_Account: 'bob', MsgRandom: 1, MsgBody: text('one') });
  t.match(sent, { ErrorCode: 0 });
  t.match(await call(t, app, '/v4/openim/sendmsg', { From_Account: 'alice', To_Account: 'bob', MsgRandom: 2, MsgBody: text('two') }), { ErrorCode: 0 });
  t.match(await call(t, app, '/v4/openim/admin_msgwithdraw', { From_Account: 'alice', To_Account: 'bob', MsgKey: sent.MsgKey }), { ErrorCode: 0 });
  t.match(await call(t, app, '/v4/openim/sendmsg', { From_Account: 'bob', To_Account: 'alice', MsgRandom: 3, MsgBody: text('three') }), { ErrorCode: 0 });
  t.match(await call(t, app, '/v4/openim/admin_set_msg_read', { Report_Account: 'alice', Peer_Account: 'bob' }), { ErrorCode: 0 });
  const group = await call(t, app, `${G}/create_group`, { Type: 'Public', Name: 'g', Owner_Account: 'alice', MemberList: [{ Member_Account: 'bob' }] });
  t.match(group, { ErrorCode: 0 });
  t.match(await call(t, app, '/v4/sns/friend_import', { From_Account: 'alice', AddFriendItem: [{ To_Account: 'carol', AddSource: 'AddSource_Type_X', Remark: 'c' }] }), { ErrorCode: 0 });
  t.match(await call(t, app, '/v4/sns/black_list_add', { From_Account: 'carol', To_Account: ['bob'] }), { ErrorCode: 0 });
  const groupId = group.GroupId as string;
  for (const [Random, word] of [[1, 'first'], [2, 'second'], [3, 'third']] as const) {
    t.match(await call(t, app, `${G}/send_group_msg`, { GroupId: groupId, From_Account: 'bob', Random, MsgBody: text(word) }), { ErrorCode: 0 });
  }
  t.match(await call(t, app, `${G}/group_msg_recall`, { GroupId: groupId, MsgSeqList: [{ MsgSeq: 2 }] }), { RecallRetList: [{ RetCode: 0 }] });
  t.match(await call(t, app, '/v4/sns/group_add', { From_Account: 'bob', GroupName: ['empty', 'unused'] }), { ErrorCode: 0 });
  const request = { To_Account: 'bob', AddSource: 'AddSource_Type_Web', Remark: 'b', GroupName: 'work', AddWording: 'hi' };
  t.match(await call(t, app, '/v4/sns/friend_add', { From_Account: 'alice', AddFriendItem: [request] }), { ResultItem: [{ ResultCode: 30539 }] });
  return groupId;
}

/** What the vendor's read commands answer about the populated state. */
async function reads(t: Test, app: FastifyInstance, groupId: string): Promise<unknown[]> {
  const answers = [
    await call(t, app, '/v4/profile/portrait_get', { To_Account: ['alice'], TagList: ['Tag_Profile_IM_Gender', 'Tag_Profile_IM_Level', 'Tag_Profile_IM_Nick'] }),
    await call(t, app, '/v4/openim/query_online_status', { To_Account: ['alice', 'bob'], IsNeedDetail: 1 }),
    await call(t, app, '/v4/openim/admin_getroammsg', { From_Account: 'alice', To_Account: 'bob', MaxCnt: 100, MinTime: 0, MaxTime: 4294967295 }),
    await call(t, app, '/v4/openim/get_c2c_unread_msg_num', { To_Account: 'bob' }),
    await call(t, app, '/v4/openim/get_c2c_unread_msg_num', { To_Account: 'alice' }),
    await call(t, app, `${G}/get_group_info`, { GroupIdList: [groupId] }),
    await call(t, app, `${G}/get_joined_group_list`, { Member_Account: 'bob' }),
    await call(t, app, '/v4/sns/friend_get', { From_Account: 'alice', StartIndex: 0 }),
    await call(t, app, '/v4/sns/black_list_get', { From_Account: 'carol', StartIndex: 0, MaxLimited: 10, LastSequence: 0 }),
    await call(t, app, `${G}/group_msg_get_simple`, { GroupId: groupId, ReqMsgNumber: 20, WithRecalledMsg: 1 }),
    await call(t, app, '/v4/sns/group_get', { From_Account: 'bob' }),
  ];
  for (const answer of answers) t.match(answer, { ErrorCode: 0 }, JSON.stringify(answer));
  t.equal((answers[9]?.RspMsgList as unknown[]).length, 3, 'the group history, a recalled message included');
  t.match(answers[10], { ResultItem: [{ GroupName: 'empty' }, { GroupName: 'unused' }], CurrentSequence: 1 }, 'friend groups without friends');
  return [...answers, app.mock.friends.requestRecords()];
}

t.test('export -> import into a fresh emulator: every read command answers as before, and it exports the same', async (t) => {
  const { app: source } = build(t);
  const groupId = await populate(t, source);
  const before = await reads(t, source, groupId);
  const exported = await getState(source);
  t.match(exported.apps, [{ sdkappid: SDKAPPID, profiles: [{ identifier: 'alice' }], online: [{ identifier: 'bob', platforms: { Android: 'Online' } }] }]);
  t.equal(exported.apps[0]?.messages?.length, 3);
  t.same(exported.apps[0]?.messages?.map((m) => m.withdrawn), [true, false, false], 'a withdrawn message stays, flagged');
  t.same(exported.apps[0]?.reads, [{ reader: 'alice', peer: 'bob', time: exported.apps[0]?.messages?.[2]?.time }]);

  const { app: target } = build(t);
  const res = await putState(target, exported);
  t.equal(res.statusCode, 200, res.body);
  t.same(await reads(t, target, groupId), before);
  t.same(await getState(target), exported);
  t.match(exported.apps[0], {
    groupMessages: [{ groupId, seq: 1, recalled: false }, { seq: 2, recalled: true }, { seq: 3, from: 'bob', priority: 'Normal' }],
    friendGroups: [{ from: 'bob', names: ['empty', 'unused'], sequence: 1 }],
    friendRequests: [{ from: 'alice', account: 'bob', remark: 'b', groups: ['work'], addWording: 'hi' }],
  });
  // bob's friend_add to alice confirms the request kept across the import: alice gets bob as she asked.
  t.match(await call(t, target, '/v4/sns/friend_add', { From_Account: 'bob', AddFriendItem: [{ To_Account: 'alice', AddSource: 'AddSource_Type_Web' }], ForceAddFlags: 1 }),
    { ResultItem: [{ ResultCode: 0 }] });
  t.match(target.mock.friends.friend(SDKAPPID, 'alice', 'bob'), { remark: 'b', groups: ['work'] });
  t.match(await call(t, target, `${G}/send_group_msg`, { GroupId: groupId, From_Account: 'bob', Random: 9, MsgBody: text('next') }), { MsgSeq: 4 });

  // The restored messages' keys are never issued again.
  const next = await call(t, target, '/v4/openim/sendmsg', { From_Account: 'carol', To_Account: 'bob', MsgRandom: 1, MsgBody: text('new') });
  t.notOk(exported.apps[0]?.messages?.some((m) => m.key === next.MsgKey), `${String(next.MsgKey)} is new`);
});

t.test('a document without these sections (written before they existed) loads and empties them', async (t) => {
  const { app } = build(t);
  const groupId = await populate(t, app);
  const T = '2026-01-01T00:00:00.000Z';
  const old = {
    format: STATE_FORMAT,
    version: STATE_VERSION,
    apps: [{ sdkappid: SDKAPPID, accounts: [{ identifier: 'alice', kind: 'standalone', createdAt: T, updatedAt: T }], deleted: [] }],
  };
  const res = await putState(app, old);
  t.equal(res.statusCode, 200, res.body);
  t.same(await getState(app), old);
  t.match(await call(t, app, `${G}/get_group_info`, { GroupIdList: [groupId] }), { GroupInfo: [{ ErrorCode: 10010 }] });
  t.match(await call(t, app, '/v4/openim/get_c2c_unread_msg_num', { To_Account: 'alice' }), { AllC2CUnreadMsgNum: 0 });
  t.equal(app.mock.friends.friendCount(SDKAPPID, 'alice'), 0);
  t.same(app.mock.profiles.snapshot(), []);
  t.same(app.mock.online.snapshot(), []);
});

t.test('a bad section is a 400 naming it, and nothing changes', async (t) => {
  const { app } = build(t);
  await populate(t, app);
  const good = await getState(app);
  const bad = (mutate: (app: Record<string, unknown>) => void): unknown => {
    const doc = structuredClone(good) as unknown as { apps: Array<Record<string, unknown>> };
    mutate(doc.apps[0] as Record<string, unknown>);
    return doc;
  };
  const cases: Array<[string, unknown, RegExp]> = [
    ['a message without a body', bad((a) => { (a.messages as Array<Record<string, unknown>>)[0]!.body = []; }), /apps\[0\]\.messages\[0\]\.body/],
    ['a message element without MsgType', bad((a) => { (a.messages as Array<Record<string, unknown>>)[0]!.body = [{ MsgContent: {} }]; }), /MsgType/],
    ['an unknown platform', bad((a) => { a.online = [{ identifier: 'bob', platforms: { Fax: 'Online' } }]; }), /apps\[0\]\.online\[0\]\.platforms\.Fax/],
    ['a negative profile value', bad((a) => { a.profiles = [{ identifier: 'alice', tags: { Tag_Profile_IM_Level: -1 } }]; }), /apps\[0\]\.profiles\[0\]\.tags\.Tag_Profile_IM_Level/],
    ['an owner who is not the Owner member', bad((a) => { (a.groups as Array<Record<string, unknown>>)[0]!.owner = 'bob'; }), /apps\[0\]\.groups\[0\]\.owner/],
    ['a friend without addTime', bad((a) => { delete (a.friends as Array<Record<string, unknown>>)[0]!.addTime; }), /apps\[0\]\.friends\[0\]/],
    ['an unknown section', bad((a) => { a.calls = []; }), /calls/],
    ['a group message of no group', bad((a) => { (a.groupMessages as Array<Record<string, unknown>>)[0]!.groupId = 'none'; }), /apps\[0\]\.groupMessages\[0\]\.groupId/],
    ['group messages out of order', bad((a) => { (a.groupMessages as Array<Record<string, unknown>>)[1]!.seq = 1; }), /apps\[0\]\.groupMessages\[1\]\.seq/],
    ['a group message at nextMsgSeq', bad((a) => { (a.groupMessages as Array<Record<string, unknown>>)[2]!.seq = 4; }), /apps\[0\]\.groupMessages\[2\]\.seq/],
    ['a group message of an AVChatRoom', bad((a) => { (a.groups as Array<Record<string, unknown>>)[0]!.type = 'AVChatRoom'; }), /AVChatRoom/],
    ['a friend group without a name', bad((a) => { (a.friendGroups as Array<Record<string, unknown>>)[0]!.names = ['']; }), /apps\[0\]\.friendGroups\[0\]\.names/],
    ['a request without addTime', bad((a) => { delete (a.friendRequests as Array<Record<string, unknown>>)[0]!.addTime; }), /apps\[0\]\.friendRequests\[0\]/],
  ];
  for (const [name, doc, message] of cases) {
    const res = await putState(app, doc);
    t.equal(res.statusCode, 400, name);
    t.match(res.json().message, message, name);
  }
  t.same(await getState(app), good, 'the state is as it was');
});

t.test('the state file: a restart has profiles, logins, messages, groups and friends back', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'tim-state-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, 'state.json');
  const first = buildApp({ stateFile: file });
  await first.ready();
  const groupId = await populate(t, first);
  const before = await reads(t, first, groupId);
  await first.close();
  t.notMatch(await readFile(file, 'utf8'), /password/i);

  const second = buildApp({ stateFile: file });
  t.teardown(() => second.close());
  await second.ready();
  t.same(await reads(t, second, groupId), before);
});

t.test('a hand-written document: a black list alone, and a MsgKey not in the emulator\'s shape', async (t) => {
  const { app } = build(t);
  const T = '2026-01-01T00:00:00.000Z';
  const account = (identifier: string) => ({ identifier, kind: 'standalone', createdAt: T, updatedAt: T });
  const message = { from: 'a', to: 'b', seq: 1, random: 1, time: 1_767_225_600, key: 'imported-key', body: text('x'), countsUnread: true, withdrawn: false };
  const res = await putState(app, {
    format: STATE_FORMAT,
    version: STATE_VERSION,
    apps: [{ sdkappid: SDKAPPID, accounts: [account('a'), account('b')], blocked: [{ from: 'a', account: 'b', addTime: 1 }], messages: [message] }],
  });
  t.equal(res.statusCode, 200, res.body);
  t.ok(app.mock.friends.isBlocked(SDKAPPID, 'a', 'b'));
  t.match(await call(t, app, '/v4/openim/get_c2c_unread_msg_num', { To_Account: 'b' }), { AllC2CUnreadMsgNum: 1 });
  t.match(await call(t, app, '/v4/openim/sendmsg', { From_Account: 'a', To_Account: 'b', MsgRandom: 1, MsgBody: text('y') }), { MsgKey: /^1_1_/ });
});
