import t, { type Test } from 'tap';
import type { FastifyInstance } from 'fastify';
import { build, call, IMPORT, SDKAPPID, text } from '../helper.js';

// The control plane's deletes take what account_delete takes (docs/differences.md): profile,
// logins, messages, memberships and friendships. The vendor's read commands then agree.
const OTHER = 1400000002;
const G = '/v4/group_open_http_svc';

/** alice has state of every kind with bob in app SDKAPPID; carol has a profile in app OTHER. */
async function populated(t: Test): Promise<{ app: FastifyInstance; groupId: string }> {
  const { app } = build(t);
  for (const UserID of ['alice', 'bob']) await call(t, app, IMPORT, { UserID });
  await call(t, app, IMPORT, { UserID: 'carol' }, { query: { sdkappid: String(OTHER) } });
  await call(t, app, '/v4/profile/portrait_set', { From_Account: 'carol', ProfileItem: [{ Tag: 'Tag_Profile_IM_Level', Value: 1 }] }, { query: { sdkappid: String(OTHER) } });
  await call(t, app, '/v4/profile/portrait_set', { From_Account: 'alice', ProfileItem: [{ Tag: 'Tag_Profile_IM_Level', Value: 2 }] });
  await app.inject({ method: 'PUT', url: '/__mock/online', payload: { sdkappid: SDKAPPID, identifier: 'alice', platform: 'Web', status: 'Online' } });
  await call(t, app, '/v4/openim/sendmsg', { From_Account: 'alice', To_Account: 'bob', MsgRandom: 1, MsgBody: text('hi') });
  const { GroupId } = await call(t, app, `${G}/create_group`, { Type: 'Public', Name: 'g', Owner_Account: 'alice', MemberList: [{ Member_Account: 'bob' }] });
  await call(t, app, '/v4/sns/friend_import', { From_Account: 'bob', AddFriendItem: [{ To_Account: 'alice', AddSource: 'AddSource_Type_X' }] });
  await call(t, app, '/v4/sns/black_list_add', { From_Account: 'alice', To_Account: ['bob'] });
  return { app, groupId: GroupId as string };
}

/** What bob's side of the vendor's read commands says about alice once she is gone. */
async function aliceIsGone(t: Test, app: FastifyInstance, groupId: string | undefined): Promise<void> {
  t.match(await call(t, app, '/v4/openim/get_c2c_unread_msg_num', { To_Account: 'bob' }), { AllC2CUnreadMsgNum: 0 }, 'her message is gone');
  t.match(await call(t, app, '/v4/sns/friend_check', { From_Account: 'bob', To_Account: ['alice'], CheckType: 'CheckResult_Type_Both' }), {
    InfoItem: [{ Relation: 'CheckResult_Type_NoRelation' }],
  }, 'she left the friend list that held her');
  t.match(await call(t, app, '/v4/sns/black_list_check', { From_Account: 'bob', To_Account: ['alice'], CheckType: 'BlackCheckResult_Type_Both' }), {
    BlackListCheckItem: [{ Relation: 'BlackCheckResult_Type_NO' }],
  }, 'her black list is gone');
  if (groupId !== undefined) {
    t.match(await call(t, app, `${G}/get_group_info`, { GroupIdList: [groupId] }), {
      GroupInfo: [{ Owner_Account: '', MemberNum: 1, MemberList: [{ Member_Account: 'bob' }] }],
    }, 'her group stays, without her');
  }
  await call(t, app, IMPORT, { UserID: 'alice' });
  t.match(await call(t, app, '/v4/profile/portrait_get', { To_Account: ['alice'], TagList: ['Tag_Profile_IM_Level'] }), {
    UserProfileItem: [{ ProfileItem: [{ Tag: 'Tag_Profile_IM_Level', Value: 0 }] }],
  }, 'imported again, she has an empty profile');
  t.match(await call(t, app, '/v4/openim/query_online_status', { To_Account: ['alice'] }), { QueryResult: [{ Status: 'Offline' }] });
  t.match(await call(t, app, '/v4/openim/admin_getroammsg', { From_Account: 'alice', To_Account: 'bob', MaxCnt: 10, MinTime: 0, MaxTime: 4294967295 }), { MsgCnt: 0 });
  t.match(await call(t, app, `${G}/get_joined_group_list`, { Member_Account: 'alice' }), { TotalCount: 0 });
}

t.test('DELETE /__mock/accounts/:sdkappid/:identifier takes what account_delete takes', async (t) => {
  const { app, groupId } = await populated(t);
  const res = await app.inject({ method: 'DELETE', url: `/__mock/accounts/${SDKAPPID}/alice` });
  t.same(res.json(), { deleted: 1 });
  await aliceIsGone(t, app, groupId);
  t.equal(app.mock.profiles.snapshot(OTHER).length, 1, 'another app keeps its state');
});

t.test("DELETE /__mock/accounts?sdkappid= empties that app's models, and only that app's", async (t) => {
  const { app } = await populated(t);
  t.same((await app.inject({ method: 'DELETE', url: `/__mock/accounts?sdkappid=${SDKAPPID}` })).json(), { deleted: 2 });
  t.equal(app.mock.groups.count(SDKAPPID), 0, 'the app\'s groups go with its accounts');
  await call(t, app, IMPORT, { UserID: 'bob' });
  await aliceIsGone(t, app, undefined);
  t.equal(app.mock.profiles.snapshot(OTHER).length, 1, 'another app keeps its state');
});

t.test('DELETE /__mock/accounts empties every app\'s models', async (t) => {
  const { app } = await populated(t);
  t.same((await app.inject({ method: 'DELETE', url: '/__mock/accounts' })).json(), { deleted: 3 });
  t.same([app.mock.profiles.snapshot(), app.mock.online.snapshot(), app.mock.messages.size, app.mock.groups.count(SDKAPPID), app.mock.friends.snapshot()], [[], [], 0, 0, []]);
});
