import t from 'tap';
import { AccountStore } from '../../src/model/accounts/store.js';
import { ControllableClock } from '../../src/model/clock.js';
import { resolveOptions } from '../../src/config/settings.js';
import { exportState } from '../../src/services/state-file/document.js';
import { stateText, type Pause } from '../../src/services/state-file/serialize.js';
import { AppRegistry } from '../../src/model/apps.js';
import { ProfileStore } from '../../src/model/profiles.js';
import { OnlineStore } from '../../src/model/online.js';
import { MessageStore } from '../../src/model/messages.js';
import { GroupStore } from '../../src/model/groups.js';
import { FriendStore } from '../../src/model/friends.js';
import { pacedSaves } from '../../src/services/state-file/persistence.js';
import { groupRecord } from '../helper.js';

/** Zero-config apps; app 8 had its plan changed while running, so its settings go in the document. */
const registry = new AppRegistry(resolveOptions({}), () => { throw new Error('no declared app'); });
registry.update(8, { plan: 'trial' });
const modelClock = new ControllableClock();
/** The models hold nothing unless a test puts state in them. */
const emptyModels = () => ({
  apps: registry,
  profiles: new ProfileStore(),
  online: new OnlineStore(),
  messages: new MessageStore(),
  groups: new GroupStore(modelClock),
  friends: new FriendStore(modelClock),
});
const sources = emptyModels();

/** The whole text of a save, gathered, and its digest. */
const serializeState = async (s: AccountStore, models: typeof sources, pause?: Pause, slice?: number) => {
  const text = stateText(s, models, pause, slice);
  const chunks: string[] = [];
  for await (const piece of text.pieces) chunks.push(piece);
  return { chunks, digest: text.digest() };
};

const store = (accounts: number, deletions: number, apps = [1400000001, 1400000002]): AccountStore => {
  const clock = new ControllableClock();
  clock.set(Date.UTC(2026, 0, 1));
  const s = new AccountStore(clock);
  for (const sdkappid of apps) {
    for (let i = 0; i < accounts; i++) s.import(sdkappid, `user${i}`, i % 3 === 0 ? { nick: `Nick "${i}"\n`, type: 1 } : {});
    s.register(sdkappid, `hosted${sdkappid}`, 3, 'sha256$salt$digest');
    for (let i = 0; i < deletions; i++) s.delete(sdkappid, `user${i}`);
  }
  return s;
};

t.test('the sliced text is exactly the document JSON.stringify indents, for any sizes', async (t) => {
  for (const [accounts, deletions, apps] of [
    [0, 0, []],
    [0, 0, [7]],
    [1, 0, [7]],
    [1, 1, [7]],
    [7, 2, [7, 8]],
    [10, 10, [7, 8, 9]],
    [23, 5, [7, 8]],
  ] as const) {
    const s = store(accounts, deletions, [...apps]);
    const { chunks } = await serializeState(s, sources, async () => {}, 3);
    t.equal(chunks.join(''), `${JSON.stringify(exportState(s, sources), null, 2)}\n`, `${apps.length} apps, ${accounts} accounts, ${deletions} deletions`);
  }
});

t.test('serialization yields to the event loop between slices: no more than a slice of accounts is read between two turns', async (t) => {
  const s = store(2000, 300);
  const slice = 100;
  // Every account counts the reads of its identifier, which serializing it makes once.
  let reads = 0;
  for (const account of s.list()) {
    const { identifier } = account;
    Object.defineProperty(account, 'identifier', {
      enumerable: true,
      get: () => {
        reads++;
        return identifier;
      },
    });
  }
  const perTurn: number[] = [];
  let counted = 0;
  const { chunks } = await serializeState(
    s,
    sources,
    async () => {
      perTurn.push(reads - counted);
      counted = reads;
    },
    slice,
  );
  const accounts = 2 * (2000 - 300 + 1);
  t.equal(counted, accounts, 'every account is read once, each before a turn');
  t.equal(Math.max(...perTurn), slice, `at most ${slice} accounts between two turns`);
  t.ok(perTurn.filter((n) => n > 0).length >= Math.ceil(accounts / slice), `${perTurn.length} turns for ${accounts} accounts`);
  t.equal(perTurn.length, chunks.length, 'a turn after every piece');
  t.ok(chunks.every((chunk) => (chunk.match(/"identifier"/g)?.length ?? 0) <= slice), 'no piece holds more than a slice of accounts or deletions');
});

t.test('the digest tells an unchanged state from a changed one', async (t) => {
  const s = store(50, 5);
  const none = async () => {};
  const a = await serializeState(s, sources, none, 7);
  t.equal((await serializeState(s, sources, none, 13)).digest, a.digest, 'the same state, sliced otherwise');
  s.import(1400000001, 'newcomer', {});
  t.not((await serializeState(s, sources, none, 7)).digest, a.digest);
});

t.test('the accounts are those of the moment the save starts, whatever happens between slices', async (t) => {
  const s = store(30, 0, [7]);
  const expected = `${JSON.stringify(exportState(s, sources), null, 2)}\n`;
  let turn = 0;
  const { chunks } = await serializeState(
    s,
    sources,
    async () => {
      // Between slices, an account goes and another comes (re-importing a deleted identifier).
      if (turn++ === 1) {
        s.delete(7, 'user29');
        s.import(7, 'late', {});
      }
    },
    5,
  );
  t.equal(chunks.join(''), expected);
});

t.test("the snapshot a save starts with copies each app's accounts at once, never one generator step per account", async (t) => {
  const s = store(500, 10);
  const expected = `${JSON.stringify(exportState(s, sources), null, 2)}\n`;
  // The store's generator walks every account of every app one step at a time: a save must not use it.
  let steps = 0;
  const values = s.values.bind(s);
  s.values = function*(sdkappid?: number) {
    for (const account of values(sdkappid)) {
      steps++;
      yield account;
    }
  };
  const { chunks } = await serializeState(s, sources, async () => {});
  t.equal(steps, 0, 'no account read through the generator');
  t.equal(chunks.join(''), expected, 'the same document');
});

t.test('a periodic tick starts no save while the last one runs, nor until it has rested as long as that one ran', async (t) => {
  let started = 0;
  let time = 0;
  let finish: (() => void) | undefined;
  let fail: ((err: Error) => void) | undefined;
  const tick = pacedSaves(() => {
    started++;
    return new Promise<void>((resolve, reject) => {
      finish = resolve;
      fail = reject;
    });
  }, () => time);
  const first = tick();
  t.equal(started, 1);
  for (let i = 0; i < 5; i++) {
    time += 100;
    t.equal(tick(), undefined, 'skipped while it runs');
  }
  t.equal(started, 1, 'five ticks during a long save started none');
  finish?.();
  await first;
  // It ran from 0 to 500: no save starts before 1000.
  time = 999;
  t.equal(tick(), undefined, 'skipped one moment before its rest ends');
  time = 1000;
  const second = tick();
  t.equal(started, 2, 'the first tick once the rest is over starts one');
  fail?.(new Error('disk full'));
  await t.rejects(second as Promise<void>, /disk full/, 'its failure reaches the caller');
  tick();
  t.equal(started, 3, 'a failed save that took no time does not block the next');
});

t.test("the models' sections are sliced like the accounts, and the text is still the indented document", async (t) => {
  const s = store(3, 1, [7, 9]);
  const models = emptyModels();
  models.profiles.set(7, 'user1', [['Tag_Profile_IM_Gender', 'Gender_Type_Male'], ['Tag_Profile_IM_Level', 3]]);
  models.online.set(7, 'user2', 'iPhone', 'Online');
  for (let i = 0; i < 11; i++) {
    const time = 1_700_000_000 + i;
    const m = { sdkappid: 7, from: 'user1', to: 'user2', seq: i + 1, random: i, time, key: models.messages.newKey(i, time), countsUnread: true };
    models.messages.add({ ...m, body: [{ MsgType: 'TIMTextElem', MsgContent: { Text: `hi "${i}"\n` } }], cloudCustomData: 'c' }, undefined, time);
  }
  models.messages.setRead(7, 'user2', 'user1', 1_700_000_004);
  models.groups.replaceApp(9, [groupRecord('g1', 'G', 'user1')]);
  models.friends.addFriend(9, 'user1', 'user2', { addSource: 'AddSource_Type_Web', addTime: 5 });
  models.friends.block(9, 'user2', 'user0', 6);
  const expected = `${JSON.stringify(exportState(s, models), null, 2)}\n`;
  const { chunks } = await serializeState(s, models, async () => {}, 4);
  t.equal(chunks.join(''), expected);
  const doc = JSON.parse(expected) as { apps: Array<Record<string, unknown[] | undefined>> };
  t.same(doc.apps.map((a) => Object.keys(a)), [
    ['sdkappid', 'accounts', 'deleted', 'profiles', 'online', 'messages', 'reads'],
    ['sdkappid', 'accounts', 'deleted', 'groups', 'friends', 'blocked'],
    ['sdkappid', 'accounts', 'deleted', 'settings'],
  ], 'each app carries only the sections it has state for, in one order');
  t.equal(doc.apps[0]?.messages?.length, 11);
  t.ok(chunks.every((chunk) => (chunk.match(/"MsgType"/g)?.length ?? 0) <= 4), 'no piece holds more than a slice of messages');
});
