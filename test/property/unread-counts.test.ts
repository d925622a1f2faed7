import fc from 'fast-check';
import t from 'tap';
import { MessageStore, type Message } from '../../src/model/messages.js';
import { numRuns } from './runs.js';

/**
 * The message store keeps unread counts as messages come and go instead of counting them when
 * asked. Random sequences of sends, withdrawals, reads, deletions, clears, evictions (a cap of 4)
 * and restores must leave every count equal to the rule counted afresh from what the store
 * holds: messages from the peer to the reader, not history (importmsg's SyncFromOldSystem 2), not
 * withdrawn, after the reader's read time (https://cloud.tencent.com/document/product/269/56043,
 * https://cloud.tencent.com/document/product/269/50349).
 */
const APPS = [1, 2];
const IDS = ['a', 'b', 'c'];

const op = fc.oneof(
  {
    // Sends outnumber the rest, so that the cap evicts.
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('add' as const),
      sdkappid: fc.constantFrom(...APPS),
      from: fc.constantFrom(...IDS),
      to: fc.constantFrom(...IDS),
      time: fc.integer({ min: 0, max: 20 }),
      countsUnread: fc.boolean(),
    }),
  },
  fc.record({ kind: fc.constant('withdraw' as const), pick: fc.nat() }),
  fc.record({
    kind: fc.constant('read' as const),
    sdkappid: fc.constantFrom(...APPS),
    reader: fc.constantFrom(...IDS),
    peer: fc.constantFrom(...IDS),
    time: fc.integer({ min: -1, max: 20 }),
  }),
  fc.record({ kind: fc.constant('delete' as const), sdkappid: fc.constantFrom(...APPS), id: fc.constantFrom(...IDS) }),
  fc.record({ kind: fc.constant('clear' as const), sdkappid: fc.option(fc.constantFrom(...APPS), { nil: undefined }) }),
  fc.record({ kind: fc.constant('restore' as const) }),
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

let serial = 0;
function apply(store: MessageStore, o: Op): MessageStore {
  switch (o.kind) {
    case 'add': {
      serial++;
      const { sdkappid, from, to, time, countsUnread } = o;
      store.add({ sdkappid, from, to, seq: serial, random: serial, time, key: `r_${serial}_${time}`, body: [], countsUnread }, undefined, 0);
      return store;
    }
    case 'withdraw': {
      const all = store.list();
      if (all.length > 0) store.withdraw(all[o.pick % all.length] as Message);
      return store;
    }
    case 'read':
      store.setRead(o.sdkappid, o.reader, o.peer, o.time);
      return store;
    case 'delete':
      store.deleteAccount(o.sdkappid, o.id);
      return store;
    case 'clear':
      store.clear(o.sdkappid);
      return store;
    case 'restore': {
      const copy = new MessageStore(4);
      copy.restore(store.snapshot(), store.reads());
      return copy;
    }
  }
}

/** The rule, counted afresh from the store's messages and read times. */
function counted(store: MessageStore, sdkappid: number, reader: string, peer: string): number {
  const readAt = store.reads().find((r) => r.sdkappid === sdkappid && r.reader === reader && r.peer === peer)?.time ?? -1;
  return store
    .list({ sdkappid })
    .filter((m) => m.from === peer && m.to === reader && m.countsUnread && !m.withdrawn && m.time > readAt).length;
}

t.test('unread counts kept as messages change equal the rule counted afresh', async (t) => {
  fc.assert(
    fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
      let store = new MessageStore(4);
      for (const o of ops) {
        store = apply(store, o);
        for (const sdkappid of APPS) {
          for (const reader of IDS) {
            let total = 0;
            for (const peer of IDS) {
              const expected = counted(store, sdkappid, reader, peer);
              if (store.unread(sdkappid, reader, peer) !== expected) return false;
              if (peer !== reader) total += expected;
            }
            // The total over conversations (a message to oneself is its own conversation).
            if (store.unreadTotal(sdkappid, reader) !== total + counted(store, sdkappid, reader, reader)) return false;
          }
        }
      }
      return true;
    }),
    { numRuns: numRuns(300) },
  );
  t.pass('every count agreed after every step');
});

t.test('a send costs the same whatever the conversation holds: nothing counts its messages', async (t) => {
  const store = new MessageStore();
  for (let i = 0; i < 2000; i++) {
    store.add({ sdkappid: 1, from: 'a', to: 'b', seq: i, random: i, time: i, key: `k${i}`, body: [], countsUnread: true }, undefined, 0);
  }
  // Reading a count walks no message: a getter on the list would be hit otherwise.
  const list = store.list.bind(store);
  let walked = 0;
  store.list = (filter) => {
    walked++;
    return list(filter);
  };
  const conversation = store.conversation.bind(store);
  store.conversation = (...args) => {
    walked++;
    return conversation(...args);
  };
  t.equal(store.unread(1, 'b', 'a'), 2000);
  t.equal(store.unreadTotal(1, 'b'), 2000);
  t.equal(walked, 0, 'no conversation was read to count');
});
