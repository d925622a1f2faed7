import t from 'tap';
import type { Test } from 'tap';
import type { FastifyInstance } from 'fastify';
import { build, call, SDKAPPID } from '../../helper.js';
import { FRIENDS_MAX } from '../../../src/model/friends.js';
import { Errors } from '../../../src/tim/errors.js';

// The relationship chain (sns): https://cloud.tencent.com/document/product/269/1643 (friend_add)
// and its sibling pages; 30001's cases: https://cloud.tencent.com/document/faq/269/32485.
const S = '/v4/sns';
const ADD = `${S}/friend_add`;
const IMPORT = `${S}/friend_import`;
const UPDATE = `${S}/friend_update`;
const DELETE = `${S}/friend_delete`;
const DELETE_ALL = `${S}/friend_delete_all`;
const CHECK = `${S}/friend_check`;
const GET = `${S}/friend_get`;
const GET_LIST = `${S}/friend_get_list`;
const BLOCK = `${S}/black_list_add`;
const UNBLOCK = `${S}/black_list_delete`;
const BLOCKS = `${S}/black_list_get`;
const BLOCK_CHECK = `${S}/black_list_check`;

const fail = (code: number) => ({ ActionStatus: 'FAIL', ErrorCode: code });
const ok = { ActionStatus: 'OK', ErrorCode: 0 };
const SOURCE = 'AddSource_Type_Web';

function accounts(app: FastifyInstance, ...ids: string[]): void {
  for (const id of ids) app.mock.store.import(SDKAPPID, id, {});
}
const items = (...ids: string[]) => ids.map((id) => ({ To_Account: id, AddSource: SOURCE }));
const codes = (reply: Record<string, unknown>, field = 'ResultItem') =>
  (reply[field] as Array<{ To_Account: string; ResultCode: number }>).map((i) => [i.To_Account, i.ResultCode]);

async function relation(t: Test, app: FastifyInstance, from: string, to: string): Promise<string> {
  const reply = await call(t, app, CHECK, { From_Account: from, To_Account: [to], CheckType: 'CheckResult_Type_Both' });
  return (reply.InfoItem as Array<{ Relation: string }>)[0]?.Relation as string;
}

/** Sets the peers' AllowType as the profile store will, through the interface friend_add reads. */
function allowTypes(app: FastifyInstance, values: Record<string, string>): void {
  app.mock.friends.useAllowTypes({ allowType: (_sdkappid, account) => values[account] });
}

t.test('friend_add: AllowType decides unless ForceAddFlags is 1; the default needs confirmation (30539)', async (t) => {
  const { app } = build(t);
  accounts(app, 'a', 'b', 'c', 'd');
  const add = await call(t, app, ADD, { From_Account: 'a', AddFriendItem: items('b') });
  t.same(codes(add), [['b', 30539]], 'no profile: AllowType_Type_NeedConfirm, the vendor\'s default');
  t.same(add.Fail_Account, ['b']);
  t.equal(await relation(t, app, 'a', 'b'), 'CheckResult_Type_NoRelation', 'nothing added while the peer has not accepted');

  allowTypes(app, { b: 'AllowType_Type_AllowAny', c: 'AllowType_Type_DenyAny', d: 'not-a-value' });
  t.same(codes(await call(t, app, ADD, { From_Account: 'a', AddFriendItem: items('b', 'c', 'd') })), [['b', 0], ['c', 30516], ['d', 30539]],
    'AllowAny adds, DenyAny refuses, an unknown value is the default');
  t.equal(await relation(t, app, 'a', 'b'), 'CheckResult_Type_BothWay', 'Add_Type_Both is the default');
  t.same(codes(await call(t, app, ADD, { From_Account: 'a', AddFriendItem: items('c', 'd'), ForceAddFlags: 1, AddType: 'Add_Type_Single' })), [['c', 0], ['d', 0]]);
  t.equal(await relation(t, app, 'a', 'c'), 'CheckResult_Type_AWithB', 'Add_Type_Single: only From_Account\'s list');
  t.same(codes(await call(t, app, ADD, { From_Account: 'c', AddFriendItem: items('a'), ForceAddFlags: 1 })), [['a', 0]], 'the other way, when B already has A');
  t.equal(await relation(t, app, 'a', 'c'), 'CheckResult_Type_BothWay');
  t.equal(await relation(t, app, 'c', 'a'), 'CheckResult_Type_BothWay');
});

t.test('friend_add reads the AllowType portrait_set gave the peer', async (t) => {
  // https://cloud.tencent.com/document/product/269/1640: Tag_Profile_IM_AllowType is a standard
  // profile field; https://cloud.tencent.com/document/product/269/1643: friend_add follows it.
  const { app } = build(t);
  accounts(app, 'a', 'b');
  const set = await call(t, app, '/v4/profile/portrait_set', {
    From_Account: 'b',
    ProfileItem: [{ Tag: 'Tag_Profile_IM_AllowType', Value: 'AllowType_Type_DenyAny' }],
  });
  t.match(set, ok);
  t.same(codes(await call(t, app, ADD, { From_Account: 'a', AddFriendItem: items('b') })), [['b', 30516]], 'DenyAny refuses');
  await call(t, app, '/v4/profile/portrait_set', {
    From_Account: 'b',
    ProfileItem: [{ Tag: 'Tag_Profile_IM_AllowType', Value: 'AllowType_Type_AllowAny' }],
  });
  t.same(codes(await call(t, app, ADD, { From_Account: 'a', AddFriendItem: items('b') })), [['b', 0]], 'AllowAny adds');
});

t.test('friend_add per item: oneself, non-accounts, existing friends (30001, 30003)', async (t) => {
  const { app } = build(t);
  accounts(app, 'a', 'b');
  const reply = await call(t, app, ADD, { From_Account: 'a', AddFriendItem: items('a', 'ghost', 'b', 'b'), ForceAddFlags: 1 });
  t.same(codes(reply), [['a', 30001], ['ghost', 30003], ['b', 0], ['b', 30001]], 'a friend request to oneself is 30001; the second b is already a friend');
  t.same(reply.Fail_Account, ['a', 'ghost', 'b']);
  t.match(await call(t, app, ADD, { From_Account: 'ghost', AddFriendItem: items('a') }), fail(30003), 'From_Account is not an account');
});

t.test('friend_add fields: AddSource, Remark 96, GroupName 30, AddWording 256 bytes, 1 to 1000 items (269/1643)', async (t) => {
  const { app } = build(t);
  accounts(app, 'a', 'b');
  const add = (item: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    call(t, app, ADD, { From_Account: 'a', AddFriendItem: [{ To_Account: 'b', AddSource: SOURCE, ...item }], ...extra });
  t.match(await add({ AddSource: 'AddSource_Type_12345678' }), ok, '8 bytes after the prefix');
  t.match(await add({ AddSource: 'AddSource_Type_123456789' }), fail(30001), '9 bytes after the prefix');
  t.match(await add({ AddSource: 'Web' }), fail(30001), 'without the prefix');
  t.match(await add({ AddSource: undefined }), fail(30001), 'AddSource is required');
  t.match(await add({ Remark: 'r'.repeat(97) }), fail(30001), 'Remark: 97 bytes');
  t.match(await add({ GroupName: 'g'.repeat(31) }), fail(30001), 'GroupName: 31 bytes');
  t.match(await add({ AddWording: 'w'.repeat(257) }), fail(30001), 'AddWording: 257 bytes');
  t.match(await add({}, { AddType: 'Add_Type_Other' }), fail(30001));
  t.match(await add({}, { ForceAddFlags: 2 }), fail(30001));
  t.match(await call(t, app, ADD, { From_Account: 'a', AddFriendItem: [] }), fail(30001), 'no items');
  t.match(await call(t, app, ADD, { From_Account: 'a', AddFriendItem: items(...Array.from({ length: 1001 }, (_, i) => `x${i}`)) }), fail(30001), '1001 items');
  t.same((await call(t, app, ADD, { From_Account: 'a', AddFriendItem: items(...Array.from({ length: 1000 }, (_, i) => `x${i}`)) })).Fail_Account?.constructor, Array, '1000 items');
  t.equal(app.mock.friends.friendCount(SDKAPPID, 'a'), 0, 'refused calls add nothing');
  t.match(await add({ Remark: 'r'.repeat(96), GroupName: 'g'.repeat(30), AddWording: 'w'.repeat(256) }, { ForceAddFlags: 1 }), ok, 'at the limits');
  t.match(app.mock.friends.friend(SDKAPPID, 'a', 'b'), { remark: 'r'.repeat(96), groups: ['g'.repeat(30)], addWording: 'w'.repeat(256), addSource: SOURCE });
});

t.test('black lists stop adding both ways (30515, 30525) and end a friendship (https://cloud.tencent.com/document/product/269/3718)', async (t) => {
  const { app } = build(t);
  accounts(app, 'a', 'b', 'c');
  await call(t, app, ADD, { From_Account: 'a', AddFriendItem: items('b'), ForceAddFlags: 1 });
  const blocked = await call(t, app, BLOCK, { From_Account: 'a', To_Account: ['b', 'b', 'a', 'ghost'] });
  t.same(codes(blocked), [['b', 0], ['b', 30001], ['a', 30001], ['ghost', 30003]]);
  t.equal(await relation(t, app, 'a', 'b'), 'CheckResult_Type_NoRelation', 'the friendship ended both ways');
  t.same(codes(await call(t, app, ADD, { From_Account: 'a', AddFriendItem: items('b'), ForceAddFlags: 1 })), [['b', 30515]], 'a friend request to an account one blocks');
  t.same(codes(await call(t, app, ADD, { From_Account: 'b', AddFriendItem: items('a'), ForceAddFlags: 1 })), [['a', 30525]], 'a friend request to an account that blocks one');
  t.same(codes(await call(t, app, BLOCK_CHECK, { From_Account: 'a', To_Account: ['b', 'c'], CheckType: 'BlackCheckResult_Type_Both' }), 'BlackListCheckItem'), [['b', 0], ['c', 0]]);
  const check = async (from: string, to: string, type: string) =>
    ((await call(t, app, BLOCK_CHECK, { From_Account: from, To_Account: [to], CheckType: type })).BlackListCheckItem as Array<{ Relation: string }>)[0]?.Relation;
  t.equal(await check('a', 'b', 'BlackCheckResult_Type_Both'), 'BlackCheckResult_Type_AWithB');
  t.equal(await check('b', 'a', 'BlackCheckResult_Type_Both'), 'BlackCheckResult_Type_BWithA');
  t.equal(await check('b', 'a', 'BlackCheckResult_Type_Single'), 'BlackCheckResult_Type_NO');
  await call(t, app, BLOCK, { From_Account: 'b', To_Account: ['a'] });
  t.equal(await check('a', 'b', 'BlackCheckResult_Type_Both'), 'BlackCheckResult_Type_BothWay');
  t.match(await call(t, app, BLOCK_CHECK, { From_Account: 'a', To_Account: ['b'] }), fail(30001), 'CheckType is required');
  t.same(codes(await call(t, app, UNBLOCK, { From_Account: 'a', To_Account: ['b', 'b', 'c'] })), [['b', 0], ['b', 30001], ['c', 30001]], 'not on the list: 30001');
  t.equal(await check('a', 'b', 'BlackCheckResult_Type_Both'), 'BlackCheckResult_Type_BWithA');
  t.match(await call(t, app, BLOCK, { From_Account: 'a', To_Account: Array.from({ length: 1001 }, (_, i) => `x${i}`) }), fail(30001), '1001 accounts');
  t.match(await call(t, app, BLOCK, { From_Account: 'a', To_Account: [] }), fail(30001));
});

t.test('black_list_get pages with StartIndex and MaxLimited (https://cloud.tencent.com/document/product/269/3722)', async (t) => {
  const { app, clock } = build(t);
  accounts(app, 'a', 'b', 'c', 'd');
  await call(t, app, BLOCK, { From_Account: 'a', To_Account: ['b', 'c', 'd'] });
  const first = await call(t, app, BLOCKS, { From_Account: 'a', StartIndex: 0, MaxLimited: 2, LastSequence: 0 });
  t.same(first.BlackListItem, [{ To_Account: 'b', AddBlackTimeStamp: Math.floor(clock.now() / 1000) }, { To_Account: 'c', AddBlackTimeStamp: Math.floor(clock.now() / 1000) }]);
  t.equal(first.StartIndex, 2);
  const second = await call(t, app, BLOCKS, { From_Account: 'a', StartIndex: 2, MaxLimited: 2, LastSequence: 0 });
  t.same((second.BlackListItem as unknown[]).length, 1);
  t.equal(second.StartIndex, 0, 'the last page');
  t.match(await call(t, app, BLOCKS, { From_Account: 'a', StartIndex: 0, MaxLimited: 1000, LastSequence: 0 }), ok);
  t.match(await call(t, app, BLOCKS, { From_Account: 'a', StartIndex: 0, MaxLimited: 1001, LastSequence: 0 }), fail(30001));
  t.match(await call(t, app, BLOCKS, { From_Account: 'a', MaxLimited: 1, LastSequence: 0 }), fail(30001), 'StartIndex is required');
  t.match(await call(t, app, BLOCKS, { From_Account: 'a', StartIndex: 0, LastSequence: 0 }), fail(30001), 'MaxLimited is required');
  t.match(await call(t, app, BLOCKS, { From_Account: 'a', StartIndex: 0, MaxLimited: 1 }), fail(30001), 'LastSequence is required');
});

t.test('friend_import is one way and asks no one (https://cloud.tencent.com/document/product/269/8301)', async (t) => {
  const { app } = build(t);
  accounts(app, 'a', 'b', 'c');
  const reply = await call(t, app, IMPORT, {
    From_Account: 'a',
    AddFriendItem: [
      { To_Account: 'b', AddSource: SOURCE, Remark: 'bee', GroupName: ['work', 'golf'], AddTime: 1420000001 },
      { To_Account: 'b', AddSource: SOURCE },
      { To_Account: 'a', AddSource: SOURCE },
      { To_Account: 'ghost', AddSource: SOURCE },
    ],
  });
  t.same(codes(reply), [['b', 0], ['b', 30001], ['a', 30001], ['ghost', 30003]]);
  t.equal(await relation(t, app, 'a', 'b'), 'CheckResult_Type_AWithB', 'one way, though b needs confirmation');
  t.match(app.mock.friends.friend(SDKAPPID, 'a', 'b'), { remark: 'bee', groups: ['work', 'golf'], addTime: 1420000001 });
  const bad = (item: Record<string, unknown>) => call(t, app, IMPORT, { From_Account: 'a', AddFriendItem: [{ To_Account: 'c', AddSource: SOURCE, ...item }] });
  t.match(await bad({ GroupName: 'work' }), fail(30001), 'GroupName is an array here');
  t.match(await bad({ GroupName: ['g'.repeat(31)] }), fail(30001), 'a group name of 31 bytes');
  t.match(await bad({ AddTime: -1 }), fail(30001));
  t.match(await call(t, app, IMPORT, { From_Account: 'a', AddFriendItem: items(...Array.from({ length: 101 }, (_, i) => `x${i}`)) }), fail(30001), '101 items');
  t.match(await call(t, app, IMPORT, { From_Account: 'ghost', AddFriendItem: items('a') }), fail(30003));
  t.equal(app.mock.friends.friend(SDKAPPID, 'a', 'c'), undefined);
});

t.test('friend limits: 3000 friends, then 30010 for oneself and 30014 for the peer', async (t) => {
  const { app } = build(t);
  accounts(app, 'full', 'other', 'third');
  for (let i = 0; i < FRIENDS_MAX; i++) app.mock.friends.addFriend(SDKAPPID, 'full', `f${i}`, { addSource: SOURCE });
  t.same(codes(await call(t, app, ADD, { From_Account: 'full', AddFriendItem: items('other'), ForceAddFlags: 1 })), [['other', 30010]]);
  t.same(codes(await call(t, app, IMPORT, { From_Account: 'full', AddFriendItem: items('other') })), [['other', 30010]]);
  t.same(codes(await call(t, app, ADD, { From_Account: 'other', AddFriendItem: items('full'), ForceAddFlags: 1 })), [['full', 30014]], 'both ways: the peer is full');
  t.same(codes(await call(t, app, ADD, { From_Account: 'other', AddFriendItem: items('full'), ForceAddFlags: 1, AddType: 'Add_Type_Single' })), [['full', 0]], 'one way does not touch the peer\'s list');
  app.mock.friends.removeFriend(SDKAPPID, 'full', 'f0');
  t.same(codes(await call(t, app, ADD, { From_Account: 'full', AddFriendItem: items('third'), ForceAddFlags: 1 })), [['third', 0]], 'the 3000th');
});

t.test('friend_update, friend_get_list and friend_get read and change the relationship fields (269/12525, 8609, 1647)', async (t) => {
  const { app, clock } = build(t);
  accounts(app, 'a', 'b', 'c');
  await call(t, app, IMPORT, { From_Account: 'a', AddFriendItem: items('b', 'c') });
  const update = await call(t, app, UPDATE, {
    From_Account: 'a',
    UpdateItem: [
      { To_Account: 'b', SnsItem: [{ Tag: 'Tag_SNS_IM_Remark', Value: 'bee' }, { Tag: 'Tag_SNS_IM_Group', Value: ['g1'] }] },
      { To_Account: 'stranger', SnsItem: [{ Tag: 'Tag_SNS_IM_Remark', Value: 'x' }] },
    ],
  });
  t.same(codes(update), [['b', 0], ['stranger', 30001]], 'not a friend: 30001');
  t.match(await call(t, app, UPDATE, { From_Account: 'a', UpdateItem: [{ To_Account: 'b', SnsItem: [{ Tag: 'Tag_SNS_IM_Other', Value: 1 }] }] }), fail(30001));
  t.match(await call(t, app, UPDATE, { From_Account: 'a', UpdateItem: [{ To_Account: 'b', SnsItem: [{ Tag: 'Tag_SNS_IM_Remark', Value: 'r'.repeat(97) }] }] }), fail(30001));
  t.match(await call(t, app, UPDATE, { From_Account: 'a', UpdateItem: [{ To_Account: 'b', SnsItem: [{ Tag: 'Tag_SNS_IM_Group', Value: ['g'.repeat(31)] }] }] }), fail(30001));
  t.match(await call(t, app, UPDATE, { From_Account: 'a', UpdateItem: [{ To_Account: 'b', SnsItem: ['x'] }] }), fail(30001));
  t.match(await call(t, app, UPDATE, { From_Account: 'a', UpdateItem: [{ To_Account: 'b', SnsItem: [{ Tag: 'Tag_SNS_IM_Remark' }] }] }), fail(30001), 'no Value');
  t.match(await call(t, app, UPDATE, { From_Account: 'a', UpdateItem: [{ To_Account: 'b', SnsItem: [{ Tag: 'Tag_SNS_IM_Group', Value: [''] }] }] }), fail(30001), 'an empty group name');
  const remark = (Value: string) => ({ From_Account: 'a', UpdateItem: [{ To_Account: 'c', SnsItem: [{ Tag: 'Tag_SNS_IM_Remark', Value }] }] });
  t.match(await call(t, app, UPDATE, remark('r'.repeat(96))), { ResultItem: [{ ResultCode: 0 }] }, "a 96-byte remark, friend_add's limit");
  t.match(await call(t, app, UPDATE, remark('')), { ResultItem: [{ ResultCode: 0 }] }, 'an empty remark clears it, as friend_add may set one');
  t.equal(app.mock.friends.friend(SDKAPPID, 'a', 'c')?.remark, '');
  const list = await call(t, app, GET_LIST, { From_Account: 'a', To_Account: ['b', 'nobody'], TagList: ['Tag_SNS_IM_Remark', 'Tag_SNS_IM_Group', 'Tag_Profile_IM_Nick'] });
  t.same(list.InfoItem, [
    { To_Account: 'b', SnsProfileItem: [{ Tag: 'Tag_SNS_IM_Remark', Value: 'bee' }, { Tag: 'Tag_SNS_IM_Group', Value: ['g1'] }], ResultCode: 0, ResultInfo: '' },
    { To_Account: 'nobody', ResultCode: 30001, ResultInfo: Errors.SnsBadRequest.info },
  ]);
  t.same(list.Fail_Account, ['nobody']);
  t.match(await call(t, app, GET_LIST, { From_Account: 'a', To_Account: ['b'] }), fail(30001), 'TagList is required');
  const got = await call(t, app, GET, { From_Account: 'a', StartIndex: 0 });
  t.match(got, { FriendNum: 2, CompleteFlag: 1, NextStartIndex: 2, StandardSequence: 0, CustomSequence: 0 });
  t.same((got.UserDataItem as Array<{ ValueItem: unknown }>)[1], {
    To_Account: 'c',
    ValueItem: [
      { Tag: 'Tag_SNS_IM_Group', Value: [] },
      { Tag: 'Tag_SNS_IM_Remark', Value: '' },
      { Tag: 'Tag_SNS_IM_AddSource', Value: SOURCE },
      { Tag: 'Tag_SNS_IM_AddWording', Value: '' },
      { Tag: 'Tag_SNS_IM_AddTime', Value: Math.floor(clock.now() / 1000) },
    ],
  });
  t.match(await call(t, app, GET, { From_Account: 'a' }), fail(30001), 'StartIndex is required');
});

t.test('friend_get pages 100 at a time', async (t) => {
  const { app } = build(t);
  accounts(app, 'a');
  for (let i = 0; i < 101; i++) app.mock.friends.addFriend(SDKAPPID, 'a', `f${i}`, { addSource: SOURCE });
  const first = await call(t, app, GET, { From_Account: 'a', StartIndex: 0 });
  t.match(first, { FriendNum: 101, CompleteFlag: 0, NextStartIndex: 100 });
  t.equal((first.UserDataItem as unknown[]).length, 100);
  const second = await call(t, app, GET, { From_Account: 'a', StartIndex: 100 });
  t.match(second, { CompleteFlag: 1, NextStartIndex: 101, UserDataItem: [{ To_Account: 'f100' }] });
});

t.test('friend_delete (single, both; 31704) and friend_delete_all (https://cloud.tencent.com/document/product/269/1644)', async (t) => {
  const { app } = build(t);
  accounts(app, 'a', 'b', 'c', 'd');
  allowTypes(app, { a: 'AllowType_Type_AllowAny', b: 'AllowType_Type_AllowAny', c: 'AllowType_Type_AllowAny', d: 'AllowType_Type_AllowAny' });
  await call(t, app, ADD, { From_Account: 'a', AddFriendItem: items('b', 'c', 'd') });
  t.same(codes(await call(t, app, DELETE, { From_Account: 'a', To_Account: ['b', 'b'] })), [['b', 0], ['b', 31704]], 'Delete_Type_Single by default');
  t.equal(await relation(t, app, 'a', 'b'), 'CheckResult_Type_BWithA', 'b still lists a');
  t.same(codes(await call(t, app, DELETE, { From_Account: 'a', To_Account: ['b'], DeleteType: 'Delete_Type_Both' })), [['b', 0]], 'b\'s side goes too');
  t.equal(await relation(t, app, 'a', 'b'), 'CheckResult_Type_NoRelation');
  t.match(await call(t, app, DELETE, { From_Account: 'a', To_Account: ['c'], DeleteType: 'Other' }), fail(30001));
  t.match(await call(t, app, DELETE, { From_Account: 'a', To_Account: Array.from({ length: 1001 }, (_, i) => `x${i}`) }), fail(30001), '1001');
  t.match(await call(t, app, DELETE_ALL, { From_Account: 'a' }), ok);
  t.equal(await relation(t, app, 'a', 'c'), 'CheckResult_Type_BWithA', 'one way by default');
  await call(t, app, ADD, { From_Account: 'a', AddFriendItem: items('c', 'd') });
  t.match(await call(t, app, DELETE_ALL, { From_Account: 'a', DeleteType: 'Delete_Type_Both' }), ok);
  t.equal(await relation(t, app, 'a', 'd'), 'CheckResult_Type_NoRelation');
  t.equal(app.mock.friends.friendCount(SDKAPPID, 'c'), 0);
  t.match(await call(t, app, DELETE_ALL, { From_Account: 'ghost' }), fail(30003));
});

t.test('friend_check: Single sees one list; 1 to 1000 accounts; CheckType required (https://cloud.tencent.com/document/product/269/1646)', async (t) => {
  const { app } = build(t);
  accounts(app, 'a', 'b');
  await call(t, app, IMPORT, { From_Account: 'b', AddFriendItem: items('a') });
  const single = await call(t, app, CHECK, { From_Account: 'a', To_Account: ['b'], CheckType: 'CheckResult_Type_Single' });
  t.same(single.InfoItem, [{ To_Account: 'b', Relation: 'CheckResult_Type_NoRelation', ResultCode: 0, ResultInfo: '' }]);
  t.same(single.Fail_Account, []);
  t.equal(await relation(t, app, 'a', 'b'), 'CheckResult_Type_BWithA');
  t.match(await call(t, app, CHECK, { From_Account: 'a', To_Account: ['b'] }), fail(30001));
  t.match(await call(t, app, CHECK, { From_Account: 'a', To_Account: Array.from({ length: 1001 }, (_, i) => `x${i}`), CheckType: 'CheckResult_Type_Single' }), fail(30001));
  t.match(await call(t, app, CHECK, { From_Account: 'a', To_Account: Array.from({ length: 1000 }, (_, i) => `x${i}`), CheckType: 'CheckResult_Type_Single' }), ok);
});

t.test('the sns commands need the admin (30004)', async (t) => {
  const { app } = build(t);
  accounts(app, 'a', 'b');
  t.match(await call(t, app, ADD, { From_Account: 'a', AddFriendItem: items('b') }, { query: { identifier: 'a' } }), fail(30004));
});
