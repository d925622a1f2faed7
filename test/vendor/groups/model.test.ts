import t from 'tap';
import { ControllableClock } from '../../../src/model/clock.js';
import { GroupStore, recordOf } from '../../../src/model/groups.js';
import { FriendStore } from '../../../src/model/friends.js';

// The group and relationship stores on their own: snapshot and restore round-trip, clearing
// one app, and paging that skips destroyed groups without walking every group.

t.test('groups: snapshot and restore keep groups, members, roles and the per-account index', async (t) => {
  const clock = new ControllableClock();
  clock.set(Date.UTC(2026, 0, 1));
  const store = new GroupStore(clock);
  const made = store.create(1, { type: 'Work', name: 'w', owner: 'o', members: [{ account: 'a', role: 'Admin' }] });
  t.ok(made.ok);
  store.create(2, { type: 'AVChatRoom', name: 'live', members: [] });
  const snapshot = store.snapshot();
  t.equal(snapshot.length, 2);
  t.match(snapshot[0]?.groups[0], { type: 'Work', owner: 'o', members: [{ account: 'o', role: 'Owner' }, { account: 'a', role: 'Admin' }] });
  t.notOk('owner' in (snapshot[1]?.groups[0] ?? {}), 'a group without an owner has no owner field');

  const copy = new GroupStore(clock);
  copy.restore(JSON.parse(JSON.stringify(snapshot)));
  t.same(copy.snapshot(), snapshot, 'the round trip is exact');
  t.equal(copy.joinedBy(1, 'a').length, 1, 'the per-account index is rebuilt');
  t.equal(copy.roomToJoin(1, 'a'), 499);
  t.equal(copy.roomToJoin(2, 'nobody'), 500);
  t.equal(copy.list().length, 2);
  t.equal(copy.list(1).length, 1);
  t.equal(copy.list(3).length, 0, 'an app never used lists nothing');
  copy.clear(1);
  t.equal(copy.count(1), 0);
  t.equal(copy.count(2), 1, 'clearing one app leaves the others');
  copy.forgetAccount(7, 'nobody');
  const live = copy.list(2)[0]?.group;
  t.same(live && recordOf(live).members, [], 'an AVChatRoom created without members');
});

t.test('groups: a custom id taken is refused; removing a non-member changes nothing; pages skip holes', async (t) => {
  const store = new GroupStore(new ControllableClock());
  t.ok(store.create(1, { type: 'Public', name: 'a', groupId: 'fixed', members: [] }).ok);
  t.match(store.create(1, { type: 'Public', name: 'b', groupId: 'fixed', members: [] }), { ok: false, reason: 'group-id-used' });
  const group = store.get(1, 'fixed');
  t.equal(group && store.removeMember(1, group, 'nobody'), false);
  const ids = Array.from({ length: 4 }, () => (store.create(1, { type: 'Public', name: 'g', members: [] }) as { value: { groupId: string } }).value.groupId);
  t.equal(new Set(ids).size, 4, 'generated ids differ');
  const first = store.get(1, ids[0] as string);
  if (first) store.destroy(1, first);
  t.same(store.page(1, 0, 10).groups.map((g) => g.groupId), ['fixed', ...ids.slice(1)]);
  t.same(store.page(9, 0, 10), { groups: [], next: 0 }, 'an app without groups');
});

t.test('friends: snapshot and restore keep both lists; clearing one app leaves the others', async (t) => {
  const clock = new ControllableClock();
  clock.set(Date.UTC(2026, 0, 1));
  const store = new FriendStore(clock);
  store.addFriend(1, 'a', 'b', { addSource: 'AddSource_Type_X', remark: 'r', groups: ['g'] });
  store.block(1, 'a', 'c');
  store.addFriend(2, 'x', 'y', { addSource: 'AddSource_Type_X' });
  const copy = new FriendStore(clock);
  copy.restore(JSON.parse(JSON.stringify(store.snapshot())));
  t.same(copy.snapshot(), store.snapshot());
  t.equal(copy.allowType(1, 'b'), 'AllowType_Type_NeedConfirm', 'no source: the default');
  copy.clear(1);
  t.equal(copy.friendCount(1, 'a'), 0);
  t.equal(copy.friendCount(2, 'x'), 1);
  t.equal(copy.removeFriend(3, 'a', 'b'), false);
  t.equal(copy.unblock(3, 'a', 'b'), false);
  copy.forgetAccount(3, 'a');
  copy.clear();
  t.same(copy.snapshot(), []);
  t.same(copy.blockedBy(1, 'a'), []);
  t.same(new FriendStore(clock, { allowType: () => 'AllowType_Type_AllowAny' }).allowType(1, 'z'), 'AllowType_Type_AllowAny');
});

t.test('the stores answer for apps and accounts they never saw', async (t) => {
  const clock = new ControllableClock();
  const groups = new GroupStore(clock);
  t.equal(groups.roomToJoin(5, 'nobody'), 500);
  const full = groups.create(1, { type: 'Public', name: 'g', maxMemberCount: 1, members: [{ account: 'a' }] });
  t.match(full.ok && groups.addMember(1, full.value, 'b'), { ok: false, reason: 'members-over-limit' }, 'the model refuses past the limit too');
  const friends = new FriendStore(clock);
  t.same(friends.friendsOf(5, 'a'), []);
  t.equal(friends.blockCount(5, 'a'), 0);
  friends.addFriend(1, 'a', 'b', { addSource: 'AddSource_Type_X' });
  friends.forgetAccount(1, 'nobody');
  t.equal(friends.friendCount(1, 'a'), 1, 'forgetting an account without relationships changes nothing');
});

t.test('friends: friend groups and requests as records, restored as given', async (t) => {
  const friends = new FriendStore(new ControllableClock());
  friends.request(1, 'a', 'b', { addSource: 'AddSource_Type_X', addTime: 5 });
  friends.addFriendGroups(1, 'a', ['x']);
  friends.deleteFriendGroups(1, 'a', ['x']);
  t.same(friends.requestRecords(), [{ sdkappid: 1, records: [{ from: 'a', account: 'b', remark: '', groups: [], addSource: 'AddSource_Type_X', addWording: '', addTime: 5 }] }],
    'absent fields as the state document writes them');
  t.same(friends.friendGroupRecords(), [{ sdkappid: 1, records: [{ from: 'a', names: [], sequence: 2 }] }], 'no groups left, the sequence kept');

  const restored = new FriendStore(new ControllableClock());
  const records = [{ from: 'c', names: [], sequence: 0 }, { from: 'd', names: ['g'], sequence: 3 }, { from: 'e', names: ['h'], sequence: 0 }];
  restored.restoreExtras(2, records, []);
  t.same(restored.friendGroupRecords(), [{ sdkappid: 2, records: records.slice(1) }], 'an empty record leaves nothing');
  t.same(restored.friendGroupsOf(2, 'd'), ['g']);
  t.equal(restored.groupSequence(2, 'd'), 3);
});
