import t from 'tap';
import { MessageStore, type NewMessage } from '../../src/model/messages.js';
import { OnlineStore } from '../../src/model/online.js';
import { ProfileStore } from '../../src/model/profiles.js';
import { startMockServer } from '../../src/index.js';

const msg = (from: string, to: string, n: number, sdkappid = 1): NewMessage => ({
  sdkappid, from, to, seq: n, random: n, time: 1000 + n, key: `k${n}`, body: [n], countsUnread: true,
});

t.test('the message store keeps at most its cap, oldest out, across conversations', async (t) => {
  const store = new MessageStore(3);
  store.add(msg('a', 'b', 1), undefined, 0);
  store.add(msg('c', 'd', 2), undefined, 0);
  store.add(msg('b', 'a', 3), undefined, 0);
  store.add(msg('a', 'b', 4), undefined, 0);
  t.equal(store.size, 3);
  t.same(store.list().map((m) => m.key), ['k2', 'k3', 'k4'], 'the oldest went first');
  t.same(store.conversation(1, 'b', 'a').map((m) => m.key), ['k3', 'k4'], 'and left its conversation');
  t.equal(store.unread(1, 'b', 'a'), 1);
  t.equal(store.unreadTotal(1, 'a'), 1);
});

t.test('eviction stays cheap over many messages (the arrays are compacted)', async (t) => {
  const store = new MessageStore(10);
  for (let i = 0; i < 5000; i++) store.add(msg('a', 'b', i), `d${i}`, i);
  t.equal(store.size, 10);
  t.same(store.conversation(1, 'a', 'b').map((m) => m.seq), [4990, 4991, 4992, 4993, 4994, 4995, 4996, 4997, 4998, 4999]);
  t.equal(store.duplicate('d0', 5000), undefined, 'dedup keys expire after 120 seconds');
  t.equal(store.duplicate('d4999', 5000)?.seq, 4999);
});

t.test('deleting an account skips its messages at eviction; clear by app; restore', async (t) => {
  const store = new MessageStore(3);
  store.add(msg('a', 'b', 1), undefined, 0);
  store.add(msg('c', 'd', 2), undefined, 0);
  store.deleteAccount(1, 'b');
  t.equal(store.size, 1);
  store.add(msg('c', 'd', 3), undefined, 0);
  store.add(msg('c', 'd', 4), undefined, 0);
  store.add(msg('c', 'd', 5), undefined, 0);
  t.same(store.list().map((m) => m.key), ['k3', 'k4', 'k5'], 'the deleted one was skipped, then k2 evicted');
  store.add(msg('x', 'y', 6, 2), undefined, 0);
  store.setRead(2, 'y', 'x', 2000);
  store.clear(1);
  t.same(store.list().map((m) => m.key), ['k6']);
  t.same(store.list({ from: 'y' }).map((m) => m.key), ['k6'], 'an account alone: what it sent or received');
  t.same(store.list({ sdkappid: 1 }), []);
  const snapshot = store.snapshot();
  store.withdraw(snapshot[0] as never);
  const copy = new MessageStore();
  copy.restore(store.snapshot());
  t.same(copy.list().map((m) => [m.key, m.withdrawn]), [['k6', true]]);
  copy.clear();
  t.equal(copy.size, 0);
});

t.test('profiles and logins: snapshot and restore, by app', async (t) => {
  const profiles = new ProfileStore();
  profiles.set(1, 'a', [['Tag_Profile_IM_Level', 3]]);
  profiles.set(2, 'b', [['Tag_Profile_IM_Role', 1]]);
  profiles.set(2, 'c', []);
  t.same(profiles.snapshot(2), [{ sdkappid: 2, identifier: 'b', tags: { Tag_Profile_IM_Role: 1 } }], 'a profile without fields is not listed');
  const copy = new ProfileStore();
  copy.restore(profiles.snapshot());
  t.equal(copy.get(1, 'a')?.get('Tag_Profile_IM_Level'), 3);
  copy.clear(1);
  t.equal(copy.get(1, 'a'), undefined);
  copy.clear();
  t.same(copy.snapshot(), []);

  const online = new OnlineStore();
  online.set(1, 'a', 'PC', 'Online');
  online.set(2, 'b', 'Mac', 'PushOnline');
  online.set(3, 'z', 'Mac', 'Offline');
  t.same(online.snapshot(2), [{ sdkappid: 2, identifier: 'b', platforms: { Mac: 'PushOnline' } }]);
  const again = new OnlineStore();
  again.restore(online.snapshot());
  t.equal(again.status(1, 'a'), 'Online');
  again.set(1, 'a', 'PC', 'Offline');
  t.equal(again.status(1, 'a'), 'Offline', 'the last platform out: Offline');
  again.clear(2);
  t.equal(again.status(2, 'b'), 'Offline');
  again.clear();
  t.same(again.snapshot(), []);
});

t.test('the in-process API reads messages, profiles and logins, and logs accounts in', async (t) => {
  const server = await startMockServer();
  t.teardown(() => server.close());
  const q = 'sdkappid=1400000001&identifier=administrator&usersig=x&random=1&contenttype=json';
  const post = (path: string, body: unknown) => fetch(`${server.url}/v4/${path}?${q}`, { method: 'POST', body: JSON.stringify(body) }).then((r) => r.json());
  await post('im_open_login_svc/account_import', { UserID: 'a' });
  await post('openim/sendmsg', { To_Account: 'a', MsgRandom: 1, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hello' } }] });
  await post('profile/portrait_set', { From_Account: 'a', ProfileItem: [{ Tag: 'Tag_Profile_IM_Role', Value: 2 }] });
  t.match(server.messages({ sdkappid: 1400000001, from: 'administrator', to: 'a' }), [{ from: 'administrator', to: 'a', body: [{ MsgContent: { Text: 'hello' } }], withdrawn: false }]);
  t.same(server.profiles(), [{ sdkappid: 1400000001, identifier: 'a', tags: { Tag_Profile_IM_Role: 2 } }]);
  t.equal(server.setOnline({ sdkappid: 1400000001, identifier: 'a', platform: 'Android', status: 'Online' }), true);
  t.equal(server.setOnline({ sdkappid: 1400000001, identifier: 'nobody', platform: 'Android', status: 'Online' }), false);
  t.same(server.online(1400000001), [{ sdkappid: 1400000001, identifier: 'a', platforms: { Android: 'Online' } }]);
  t.match(await post('openim/query_online_status', { To_Account: ['a'] }), { QueryResult: [{ Status: 'Online' }] });
  server.reset();
  t.same([server.messages(), server.profiles(), server.online()], [[], [], []]);
});
