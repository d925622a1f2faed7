import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { buildApp } from '../../src/app.js';
import { build, call, groupRecord, SDKAPPID, text } from '../helper.js';

// Fixtures (a file or POST /__mock/accounts) seed profile fields, messages, groups and
// relationships beside the accounts; the vendor's read commands then show them.
const standalone = (identifier: string) => ({ sdkappid: SDKAPPID, kind: 'standalone', identifier });
const group = groupRecord('team', 'Team', 'alice');
const doc = {
  accounts: [standalone('alice'), standalone('bob')],
  profiles: [{ sdkappid: SDKAPPID, identifier: 'alice', tags: { Tag_Profile_IM_Level: 3 } }],
  messages: [
    { sdkappid: SDKAPPID, from: 'alice', to: 'bob', body: text('hi'), time: 1_767_225_600, cloudCustomData: 'c' },
    { sdkappid: SDKAPPID, from: 'administrator', to: 'bob', body: text('welcome') },
  ],
  groups: [{ sdkappid: SDKAPPID, groups: [group] }],
  groupMessages: [{
    sdkappid: SDKAPPID,
    groupId: 'team',
    messages: [
      { from: 'alice', body: text('first'), time: 1_767_225_600, random: 7, priority: 'High', cloudCustomData: 'c' },
      { from: 'administrator', body: text('second') },
    ],
  }],
  relationships: [{ sdkappid: SDKAPPID, friends: [{ from: 'bob', account: 'alice', remark: '', groups: [], addSource: 'AddSource_Type_X', addWording: '', addTime: 1 }], blocked: [] }],
};
type App = Parameters<typeof call>[1];
type Test = Parameters<typeof call>[0];

async function seededShows(t: Test, app: App): Promise<void> {
  t.match(await call(t, app, '/v4/profile/portrait_get', { To_Account: ['alice'], TagList: ['Tag_Profile_IM_Level'] }), {
    UserProfileItem: [{ ProfileItem: [{ Tag: 'Tag_Profile_IM_Level', Value: 3 }] }],
  });
  t.match(await call(t, app, '/v4/openim/get_c2c_unread_msg_num', { To_Account: 'bob' }), { AllC2CUnreadMsgNum: 2 });
  t.match(await call(t, app, '/v4/openim/admin_getroammsg', { From_Account: 'alice', To_Account: 'bob', MaxCnt: 10, MinTime: 0, MaxTime: 4294967295 }), {
    MsgList: [{ MsgTimeStamp: 1_767_225_600, MsgBody: text('hi'), CloudCustomData: 'c' }],
  });
  t.match(await call(t, app, '/v4/group_open_http_svc/get_group_info', { GroupIdList: ['team'] }), { GroupInfo: [{ Name: 'Team', Owner_Account: 'alice' }] });
  t.match(await call(t, app, '/v4/group_open_http_svc/group_msg_get_simple', { GroupId: 'team', ReqMsgNumber: 5 }), {
    RspMsgList: [
      { From_Account: 'administrator', MsgSeq: 2, MsgRandom: 1, MsgPriority: 2, MsgBody: text('second') },
      { From_Account: 'alice', MsgSeq: 1, MsgRandom: 7, MsgTimeStamp: 1_767_225_600, MsgPriority: 1, MsgBody: text('first'), CloudCustomData: 'c' },
    ],
  });
  t.match(await call(t, app, '/v4/sns/friend_check', { From_Account: 'bob', To_Account: ['alice'], CheckType: 'CheckResult_Type_Single' }), {
    InfoItem: [{ Relation: 'CheckResult_Type_AWithB' }],
  });
}

t.test('POST /__mock/accounts seeds every section, and the read commands show them', async (t) => {
  const { app } = build(t);
  const res = await app.inject({ method: 'POST', url: '/__mock/accounts', payload: doc });
  t.equal(res.statusCode, 200, res.body);
  t.equal(res.json().accounts.length, 2);
  await seededShows(t, app);
});

t.test('a fixtures file seeds them at start', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'tim-fixtures-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, 'fixtures.json');
  await writeFile(file, JSON.stringify(doc));
  const app = buildApp({ fixtures: file });
  t.teardown(() => app.close());
  await app.ready();
  await seededShows(t, app);
});

t.test('a bad section refuses the whole document with a 400 naming it; nothing is stored', async (t) => {
  const { app } = build(t);
  const cases: Array<[string, Record<string, unknown>, RegExp]> = [
    ['a profile of no account', { profiles: [{ sdkappid: SDKAPPID, identifier: 'ghost', tags: {} }] }, /profiles\[0\]\.identifier: 'ghost'/],
    ['a message to no account', { messages: [{ sdkappid: SDKAPPID, from: 'alice', to: 'ghost', body: text('x') }] }, /messages\[0\]\.to/],
    ['a message from no account', { messages: [{ sdkappid: SDKAPPID, from: 'ghost', to: 'bob', body: text('x') }] }, /messages\[0\]\.from/],
    ['a message without a body', { messages: [{ sdkappid: SDKAPPID, from: 'alice', to: 'bob', body: [] }] }, /messages/],
    ['a member of no account', { groups: [{ sdkappid: SDKAPPID, groups: [{ ...group, members: [...group.members, { ...group.members[0], account: 'ghost', role: 'Member' }] }] }] }, /members\[1\]\.account/],
    ['a group whose owner is no Owner', { groups: [{ sdkappid: SDKAPPID, groups: [{ ...group, owner: 'bob' }] }] }, /groups\[0\]\.groups\[0\]\.owner/],
    ['a friend of no account', { relationships: [{ sdkappid: SDKAPPID, friends: [], blocked: [{ from: 'alice', account: 'ghost', addTime: 1 }] }] }, /blocked\[0\]\.account/],
    ['an unknown section', { chats: [] }, /unexpected property 'chats'/],
    ['messages of a group the document replaces away', { groups: [{ sdkappid: SDKAPPID, groups: [] }], groupMessages: doc.groupMessages }, /groupMessages\[0\]\.groupId: 'team' is not a group/],
    ['messages of no group', { groupMessages: doc.groupMessages }, /groupMessages\[0\]\.groupId: 'team' is not a group/],
    ['a group message from no account', { groups: doc.groups, groupMessages: [{ sdkappid: SDKAPPID, groupId: 'team', messages: [{ from: 'ghost', body: text('x') }] }] },
      /groupMessages\[0\]\.messages\[0\]\.from/],
  ];
  for (const [name, extra, message] of cases) {
    const res = await app.inject({ method: 'POST', url: '/__mock/accounts', payload: { accounts: doc.accounts, ...extra } });
    t.equal(res.statusCode, 400, name);
    t.match(res.json().message, message, name);
  }
  t.equal(app.mock.store.count(), 0, 'no account was stored');
  t.equal(app.mock.messages.size, 0);
});

t.test('group messages go into a group the store has already, and never into an AVChatRoom', async (t) => {
  const { app } = build(t);
  app.mock.store.import(SDKAPPID, 'alice', {});
  app.mock.groups.replaceApp(SDKAPPID, [group, { ...groupRecord('live', 'Live', 'alice'), type: 'AVChatRoom' }]);
  const seed = (groupId: string) => ({ accounts: [], groupMessages: [{ sdkappid: SDKAPPID, groupId, messages: [{ from: 'alice', body: text('x') }] }] });
  const refused = await app.inject({ method: 'POST', url: '/__mock/accounts', payload: seed('live') });
  t.equal(refused.statusCode, 400);
  t.match(refused.json().message, /'live' is an AVChatRoom/);
  const res = await app.inject({ method: 'POST', url: '/__mock/accounts', payload: seed('team') });
  t.equal(res.statusCode, 200, res.body);
  t.match(await call(t, app, '/v4/group_open_http_svc/group_msg_get_simple', { GroupId: 'team', ReqMsgNumber: 5 }), { RspMsgList: [{ MsgSeq: 1, From_Account: 'alice' }] });
});
