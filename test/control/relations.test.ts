import t from 'tap';
import { build, call, SDKAPPID } from '../helper.js';
import { mockControls } from '../../src/in-process.js';

// /__mock/groups and /__mock/friends: what a test reads, seeds and clears without the vendor's commands.

const group = (groupId: string, members: Array<{ account: string; role: 'Owner' | 'Admin' | 'Member' }>, owner?: string) => ({
  groupId,
  type: 'Public',
  name: 'seeded',
  introduction: '',
  notification: '',
  faceUrl: '',
  ...(owner !== undefined && { owner }),
  maxMemberCount: 2000,
  applyJoinOption: 'NeedPermission',
  createTime: 1,
  lastInfoTime: 1,
  infoSeq: 1,
  lastMsgTime: 0,
  nextMsgSeq: 1,
  members: members.map((m) => ({ ...m, joinTime: 1, nameCard: '', msgFlag: 'AcceptAndNotify', shutUpUntil: 0 })),
});

t.test('groups are seeded, read by the vendor commands and the control plane, and cleared', async (t) => {
  const { app } = build(t);
  const seeded = group('seeded-1', [{ account: 'o', role: 'Owner' }, { account: 'm', role: 'Member' }], 'o');
  const res = await app.inject({ method: 'POST', url: '/__mock/groups', payload: { sdkappid: SDKAPPID, groups: [seeded] } });
  t.equal(res.statusCode, 200, res.body);
  t.match(await call(t, app, '/v4/group_open_http_svc/get_group_info', { GroupIdList: ['seeded-1'] }), { GroupInfo: [{ Owner_Account: 'o', MemberNum: 2 }] });
  t.same((await app.inject({ method: 'GET', url: `/__mock/groups?sdkappid=${SDKAPPID}` })).json(), { groups: [{ sdkappid: SDKAPPID, group: seeded }] });
  t.same((await app.inject({ method: 'GET', url: '/__mock/groups?sdkappid=7' })).json(), { groups: [] });

  const bad: Array<[string, unknown, RegExp]> = [
    ['an id twice', [seeded, seeded], /appears twice/],
    ['a member twice', [group('g', [{ account: 'a', role: 'Member' }, { account: 'a', role: 'Member' }])], /twice/],
    ['an owner not a member', [group('g', [{ account: 'a', role: 'Member' }], 'b')], /owner/],
    ['two owners', [group('g', [{ account: 'a', role: 'Owner' }, { account: 'b', role: 'Owner' }], 'a')], /owner/],
    ['more members than the limit', [{ ...group('g', [{ account: 'a', role: 'Member' }, { account: 'b', role: 'Member' }]), maxMemberCount: 1 }], /maxMemberCount/],
  ];
  for (const [name, groups, message] of bad) {
    const refused = await app.inject({ method: 'POST', url: '/__mock/groups', payload: { sdkappid: SDKAPPID, groups } });
    t.equal(refused.statusCode, 400, name);
    t.match(refused.json().message, message, name);
  }
  t.equal((await app.inject({ method: 'POST', url: '/__mock/groups', payload: { sdkappid: SDKAPPID, groups: [{ groupId: 'x' }] } })).statusCode, 400, 'schema');
  t.equal(app.mock.groups.count(SDKAPPID), 1, 'refused seeds change nothing');

  t.equal((await app.inject({ method: 'DELETE', url: `/__mock/groups?sdkappid=${SDKAPPID}` })).statusCode, 200);
  t.equal(app.mock.groups.count(SDKAPPID), 0);
  app.mock.groups.create(SDKAPPID, { type: 'Public', name: 'g', members: [] });
  t.equal((await app.inject({ method: 'DELETE', url: '/__mock/groups' })).statusCode, 200);
  t.equal(app.mock.groups.count(SDKAPPID), 0);
});

t.test('friendships are seeded, read and cleared; friend_check sees the seed', async (t) => {
  const { app } = build(t);
  app.mock.store.import(SDKAPPID, 'a', {});
  const relations = {
    sdkappid: SDKAPPID,
    friends: [{ from: 'a', account: 'b', remark: 'bee', groups: [], addSource: 'AddSource_Type_X', addWording: '', addTime: 5 }],
    blocked: [{ from: 'a', account: 'c', addTime: 6 }],
  };
  t.equal((await app.inject({ method: 'POST', url: '/__mock/friends', payload: relations })).statusCode, 200);
  t.match(await call(t, app, '/v4/sns/friend_check', { From_Account: 'a', To_Account: ['b'], CheckType: 'CheckResult_Type_Single' }), {
    InfoItem: [{ Relation: 'CheckResult_Type_AWithB' }],
  });
  t.same((await app.inject({ method: 'GET', url: `/__mock/friends?sdkappid=${SDKAPPID}` })).json(), { apps: [relations] });
  t.same((await app.inject({ method: 'GET', url: '/__mock/friends?sdkappid=7' })).json(), { apps: [] });
  t.equal((await app.inject({ method: 'POST', url: '/__mock/friends', payload: { sdkappid: SDKAPPID, friends: [{}], blocked: [] } })).statusCode, 400);
  t.equal((await app.inject({ method: 'DELETE', url: `/__mock/friends?sdkappid=${SDKAPPID}` })).statusCode, 200);
  t.same((await app.inject({ method: 'GET', url: '/__mock/friends' })).json(), { apps: [] });
  app.mock.friends.addFriend(SDKAPPID, 'a', 'b', { addSource: 'AddSource_Type_X' });
  t.equal((await app.inject({ method: 'DELETE', url: '/__mock/friends' })).statusCode, 200);
  t.equal(app.mock.friends.friendCount(SDKAPPID, 'a'), 0);
});

t.test('in process: groups(), seedGroups(), relationships(), seedRelationships(); reset() empties them', async (t) => {
  const { app } = build(t);
  const controls = mockControls(app);
  const seeded = group('in-process', [{ account: 'o', role: 'Owner' }], 'o') as Parameters<typeof controls.seedGroups>[1][number];
  controls.seedGroups(SDKAPPID, [seeded]);
  t.same(controls.groups(), [{ sdkappid: SDKAPPID, group: seeded }]);
  t.throws(() => controls.seedGroups(SDKAPPID, [seeded, seeded]), /appears twice/);
  controls.seedRelationships({ sdkappid: SDKAPPID, friends: [], blocked: [{ from: 'o', account: 'x', addTime: 1 }] });
  t.same(controls.relationships(SDKAPPID), [{ sdkappid: SDKAPPID, friends: [], blocked: [{ from: 'o', account: 'x', addTime: 1 }] }]);
  t.same(controls.relationships(7), []);
  controls.reset();
  t.same(controls.groups(SDKAPPID), []);
  t.same(controls.relationships(), []);
});

t.test('POST /__mock/groups/messages and seedGroupMessages: a history as if sent, read by group_msg_get_simple', async (t) => {
  const { app, clock } = build(t);
  const text = (Text: string) => [{ MsgType: 'TIMTextElem', MsgContent: { Text } }];
  app.mock.store.import(SDKAPPID, 'o', {});
  const seeded = { ...group('g', [{ account: 'o', role: 'Owner' }], 'o'), nextMsgSeq: 5 };
  const groups = [seeded, { ...group('live', []), type: 'AVChatRoom' }];
  t.equal((await app.inject({ method: 'POST', url: '/__mock/groups', payload: { sdkappid: SDKAPPID, groups } })).statusCode, 200);
  const post = (payload: object) => app.inject({ method: 'POST', url: '/__mock/groups/messages', payload });
  const res = await post({ sdkappid: SDKAPPID, groupId: 'g', messages: [{ from: 'o', body: text('one') }, { from: 'administrator', body: text('two'), time: 5 }] });
  t.equal(res.statusCode, 200, res.body);
  t.same(res.json(), { msgSeqs: [5, 6] }, "they follow the group's NextMsgSeq");
  const now = Math.floor(clock.now() / 1000);
  t.match(await call(t, app, '/v4/group_open_http_svc/group_msg_get_simple', { GroupId: 'g', ReqMsgNumber: 5 }), {
    RspMsgList: [{ MsgSeq: 6, From_Account: 'administrator', MsgTimeStamp: 5 }, { MsgSeq: 5, From_Account: 'o', MsgTimeStamp: now, MsgRandom: 0 }],
  });
  t.same(mockControls(app).seedGroupMessages(SDKAPPID, 'g', [{ from: 'o', body: text('three') }]), [7]);
  t.match(await call(t, app, '/v4/group_open_http_svc/send_group_msg', { GroupId: 'g', From_Account: 'o', Random: 1, MsgBody: text('sent') }), { MsgSeq: 8 });
  t.match(await call(t, app, '/v4/group_open_http_svc/get_group_info', { GroupIdList: ['g'] }), { GroupInfo: [{ NextMsgSeq: 9, LastMsgTime: now }] });

  const bad: Array<[string, object, RegExp]> = [
    ['no such group', { sdkappid: SDKAPPID, groupId: 'none', messages: [{ from: 'o', body: text('x') }] }, /groupId: 'none' is not a group/],
    ['an AVChatRoom', { sdkappid: SDKAPPID, groupId: 'live', messages: [{ from: 'o', body: text('x') }] }, /AVChatRoom/],
    ['a sender of no account', { sdkappid: SDKAPPID, groupId: 'g', messages: [{ from: 'o', body: text('x') }, { from: 'ghost', body: text('x') }] }, /messages\[1\]\.from: 'ghost'/],
    ['an empty body', { sdkappid: SDKAPPID, groupId: 'g', messages: [{ from: 'o', body: [] }] }, /body/],
    ['no messages', { sdkappid: SDKAPPID, groupId: 'g', messages: [] }, /messages/],
    ['an unknown priority', { sdkappid: SDKAPPID, groupId: 'g', messages: [{ from: 'o', body: text('x'), priority: 'Urgent' }] }, /priority/],
  ];
  for (const [name, payload, message] of bad) {
    const refused = await post(payload);
    t.equal(refused.statusCode, 400, name);
    t.match(refused.json().message, message, name);
  }
  t.throws(() => mockControls(app).seedGroupMessages(SDKAPPID, 'none', [{ from: 'o', body: text('x') }]), /not a group/);
  // An app the emulator has not made yet: its admin is the configured one.
  t.equal((await app.inject({ method: 'POST', url: '/__mock/groups', payload: { sdkappid: 7, groups: [group('h', [])] } })).statusCode, 200);
  t.same(mockControls(app).seedGroupMessages(7, 'h', [{ from: 'administrator', body: text('x') }]), [1]);
  t.equal(app.mock.groups.history.of(app.mock.groups.get(SDKAPPID, 'g')!).length, 4, 'refused seeds store nothing');
});
