import t from 'tap';
import type { Test } from 'tap';
import type { FastifyInstance } from 'fastify';
import { build, call, SDKAPPID } from '../../helper.js';

// Friend groups (sns group_add, group_delete, group_get) and their agreement with friend_get's
// Tag_SNS_IM_Group. Pages: https://cloud.tencent.com/document/product/269/10107 (group_add),
// https://cloud.tencent.com/document/product/269/10108 (group_delete),
// https://cloud.tencent.com/document/product/269/54763 (group_get).
const S = '/v4/sns';
const fail = (code: number) => ({ ActionStatus: 'FAIL', ErrorCode: code });
const ok = { ActionStatus: 'OK', ErrorCode: 0 };

async function setup(t: Test): Promise<FastifyInstance> {
  const { app } = build(t);
  for (const id of ['a', 'b', 'c', 'd']) app.mock.store.import(SDKAPPID, id, {});
  const items = ['b', 'c'].map((id) => ({ To_Account: id, AddSource: 'AddSource_Type_Web', ...(id === 'c' && { GroupName: 'work' }) }));
  t.match(await call(t, app, `${S}/friend_add`, { From_Account: 'a', AddFriendItem: items, ForceAddFlags: 1 }), ok);
  return app;
}

async function groupsOfFriends(t: Test, app: FastifyInstance): Promise<Record<string, unknown>> {
  const reply = await call(t, app, `${S}/friend_get`, { From_Account: 'a', StartIndex: 0 });
  const items = reply.UserDataItem as Array<{ To_Account: string; ValueItem: Array<{ Tag: string; Value: unknown }> }>;
  return Object.fromEntries(items.map((i) => [i.To_Account, i.ValueItem.find((v) => v.Tag === 'Tag_SNS_IM_Group')?.Value]));
}

t.test('group_add puts friends in new groups; friend_get and group_get agree; CurrentSequence counts changes', async (t) => {
  const app = await setup(t);
  t.same(await call(t, app, `${S}/group_get`, { From_Account: 'a' }), { ...ok, ErrorInfo: '', ResultItem: [{ GroupName: 'work', FriendNumber: 1 }], CurrentSequence: 0 },
    "a friend's GroupName from friend_add is a group");
  const added = await call(t, app, `${S}/group_add`, { From_Account: 'a', GroupName: ['family', 'work'], To_Account: ['b', 'd'] });
  t.match(added, { ...ok, CurrentSequence: 1, Fail_Account: ['d'] });
  t.match(added.ResultItem, [{ To_Account: 'b', ResultCode: 0 }, { To_Account: 'd', ResultCode: 32216 }], 'd is not a friend: 32216');
  t.same(await groupsOfFriends(t, app), { b: ['family', 'work'], c: ['work'] });
  const got = await call(t, app, `${S}/group_get`, { From_Account: 'a', NeedFriend: 'Need_Friend_Type_Yes' });
  t.same(got.ResultItem, [
    { GroupName: 'family', FriendNumber: 1, To_Account: ['b'] },
    { GroupName: 'work', FriendNumber: 2, To_Account: ['b', 'c'] },
  ]);
  t.same((await call(t, app, `${S}/group_get`, { From_Account: 'a', GroupName: ['family', 'none'] })).ResultItem, [{ GroupName: 'family', FriendNumber: 1 }],
    'only the named groups it has');
  t.match(await call(t, app, `${S}/group_add`, { From_Account: 'a', GroupName: ['empty'] }), { CurrentSequence: 2 });
  t.notOk('ResultItem' in (await call(t, app, `${S}/group_add`, { From_Account: 'a', GroupName: ['empty'] })), 'no To_Account: no ResultItem');
  t.match((await call(t, app, `${S}/group_get`, { From_Account: 'a' })).ResultItem, [{ GroupName: 'family' }, { GroupName: 'work' }, { GroupName: 'empty', FriendNumber: 0 }]);

  t.match(await call(t, app, `${S}/group_delete`, { From_Account: 'a', GroupName: ['work', 'never'] }), { ...ok, CurrentSequence: 4 });
  t.same(await groupsOfFriends(t, app), { b: ['family'], c: [] }, 'the friends leave the group and stay friends');
  t.same((await call(t, app, `${S}/group_get`, { From_Account: 'a' })).ResultItem, [{ GroupName: 'family', FriendNumber: 1 }, { GroupName: 'empty', FriendNumber: 0 }]);
  await call(t, app, `${S}/group_delete`, { From_Account: 'a', GroupName: ['family', 'empty'] });
  t.same((await call(t, app, `${S}/group_get`, { From_Account: 'a' })).ResultItem, []);
});

t.test('friend groups: at most 32 per account, names of 1 to 30 bytes, accounts that exist', async (t) => {
  const app = await setup(t);
  const names = (n: number, prefix = 'g') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
  t.match(await call(t, app, `${S}/group_add`, { From_Account: 'a', GroupName: names(33) }), fail(30001), '33 in one call');
  t.match(await call(t, app, `${S}/group_add`, { From_Account: 'a', GroupName: names(32) }), fail(30001), "32 new beside friend_add's 'work'");
  t.match(await call(t, app, `${S}/group_add`, { From_Account: 'a', GroupName: names(31) }), ok, '31 and work: 32');
  t.match(await call(t, app, `${S}/group_add`, { From_Account: 'a', GroupName: ['g0'] }), ok, 'a name it has is no new group');
  t.match(await call(t, app, `${S}/group_add`, { From_Account: 'a', GroupName: ['one more'] }), fail(30001), 'the 33rd');
  t.equal(app.mock.friends.groupSequence(SDKAPPID, 'a'), 2, 'a refused call changes nothing');
  t.match(await call(t, app, `${S}/group_add`, { From_Account: 'b', GroupName: ['x'.repeat(31)] }), fail(30001), '31 bytes');
  t.match(await call(t, app, `${S}/group_add`, { From_Account: 'b', GroupName: ['x'.repeat(30)] }), ok, '30 bytes');
  t.match(await call(t, app, `${S}/group_add`, { From_Account: 'b', GroupName: [] }), fail(30001));
  t.match(await call(t, app, `${S}/group_add`, { From_Account: 'b', GroupName: ['x'], To_Account: names(1001) }), fail(30001), '1001 friends');
  t.match(await call(t, app, `${S}/group_add`, { From_Account: 'ghost', GroupName: ['x'] }), fail(30003));
  t.match(await call(t, app, `${S}/group_delete`, { From_Account: 'ghost', GroupName: ['x'] }), fail(30003));
  t.match(await call(t, app, `${S}/group_delete`, { From_Account: 'a', GroupName: names(33) }), fail(30001));
  t.match(await call(t, app, `${S}/group_get`, { From_Account: 'ghost' }), fail(30003));
  t.match(await call(t, app, `${S}/group_get`, { From_Account: 'a', NeedFriend: 'yes' }), fail(30001));
  t.match(await call(t, app, `${S}/group_get`, { From_Account: 'a', GroupName: ['y'.repeat(31)] }), fail(30001));
});

t.test('account_delete takes the account\'s friend groups with it (https://cloud.tencent.com/document/product/269/36443)', async (t) => {
  const app = await setup(t);
  await call(t, app, `${S}/group_add`, { From_Account: 'a', GroupName: ['kept'] });
  app.mock.friends.forgetAccount(SDKAPPID, 'a');
  t.same(app.mock.friends.friendGroupsOf(SDKAPPID, 'a'), []);
  t.equal(app.mock.friends.groupSequence(SDKAPPID, 'a'), 0);
  t.equal(app.mock.friends.addFriendGroups(SDKAPPID + 1, 'z', ['n']), 1, 'an app never used starts at 1');
});
