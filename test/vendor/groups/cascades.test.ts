import t from 'tap';
import { build, call, SDKAPPID } from '../../helper.js';

// What deleting an account leaves behind: nothing that names it (docs/differences.md; the
// vendor's account_delete page, https://cloud.tencent.com/document/product/269/36443, is silent).
const G = '/v4/group_open_http_svc';
const DELETE = '/v4/im_open_login_svc/account_delete';

t.test('account_delete: the account leaves its groups and every friend and black list', async (t) => {
  const { app } = build(t);
  for (const id of ['owner', 'member', 'friend', 'blocker']) app.mock.store.import(SDKAPPID, id, {});
  const { GroupId } = await call(t, app, `${G}/create_group`, { Type: 'Public', Name: 'g', Owner_Account: 'owner', MemberList: [{ Member_Account: 'member' }] });
  await call(t, app, '/v4/sns/friend_import', { From_Account: 'owner', AddFriendItem: [{ To_Account: 'friend', AddSource: 'AddSource_Type_X' }] });
  await call(t, app, '/v4/sns/friend_import', { From_Account: 'friend', AddFriendItem: [{ To_Account: 'owner', AddSource: 'AddSource_Type_X' }] });
  await call(t, app, '/v4/sns/black_list_add', { From_Account: 'owner', To_Account: ['member'] });
  await call(t, app, '/v4/sns/black_list_add', { From_Account: 'blocker', To_Account: ['owner'] });

  t.match(await call(t, app, DELETE, { DeleteItem: [{ UserID: 'owner' }, { UserID: 'owner' }] }), { ResultItem: [{ ResultCode: 0 }, { ResultCode: 70107 }] });
  const info = await call(t, app, `${G}/get_group_info`, { GroupIdList: [GroupId] });
  t.match(info.GroupInfo, [{ Owner_Account: '', MemberNum: 1, MemberList: [{ Member_Account: 'member', Role: 'Member' }] }], 'the group stays, without an owner');
  t.same(app.mock.groups.joinedBy(SDKAPPID, 'owner'), []);
  t.equal(app.mock.friends.friendCount(SDKAPPID, 'owner'), 0, 'its own list is gone');
  t.equal(app.mock.friends.friendCount(SDKAPPID, 'friend'), 0, 'it left its friend\'s list');
  t.equal(app.mock.friends.blockCount(SDKAPPID, 'owner'), 0, 'its black list is gone');
  t.equal(app.mock.friends.blockCount(SDKAPPID, 'blocker'), 0, 'it left the black list that held it');

  // Imported again, it is a new account with no relationships.
  app.mock.store.import(SDKAPPID, 'owner', {});
  t.match(await call(t, app, '/v4/sns/friend_check', { From_Account: 'friend', To_Account: ['owner'], CheckType: 'CheckResult_Type_Both' }), {
    InfoItem: [{ Relation: 'CheckResult_Type_NoRelation' }],
  });
});

t.test('reset empties the groups and relationships, as it empties the accounts', async (t) => {
  const { app } = build(t);
  app.mock.store.import(SDKAPPID, 'a', {});
  app.mock.groups.create(SDKAPPID, { type: 'Public', name: 'g', members: [{ account: 'a' }] });
  app.mock.friends.addFriend(SDKAPPID, 'a', 'b', { addSource: 'AddSource_Type_X' });
  app.mock.friends.block(SDKAPPID, 'a', 'c');
  const res = await app.inject({ method: 'POST', url: '/__mock/reset' });
  t.equal(res.statusCode, 200);
  t.equal(app.mock.groups.count(SDKAPPID), 0);
  t.same(app.mock.groups.joinedBy(SDKAPPID, 'a'), []);
  t.equal(app.mock.friends.friendCount(SDKAPPID, 'a'), 0);
  t.equal(app.mock.friends.blockCount(SDKAPPID, 'a'), 0);
});

t.test('bodies of the wrong shape: the journal keeps only the accounts named as strings; nothing changes', async (t) => {
  const { app } = build(t);
  t.match(await call(t, app, `${G}/create_group`, { Type: 'Public', Name: 'g', MemberList: ['x'] }), { ErrorCode: 10004 });
  t.match(await call(t, app, `${G}/add_group_member`, { GroupId: 'g', MemberList: ['x'] }), { ErrorCode: 10004 });
  t.match(await call(t, app, '/v4/sns/friend_add', { From_Account: 5, AddFriendItem: 'x' }), { ErrorCode: 30001 });
  t.match(await call(t, app, '/v4/sns/friend_import', { From_Account: 'a', AddFriendItem: [5, { To_Account: 'b' }] }), { ErrorCode: 30001 });
  t.equal(app.mock.groups.count(SDKAPPID), 0);
  t.same(app.mock.journal.list({}).map((entry) => entry.accounts), [[], [], [], ['a', 'b']], 'only the accounts named as strings');
});
