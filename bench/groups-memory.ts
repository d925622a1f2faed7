import { ControllableClock } from '../src/model/clock.js';
import { GroupStore } from '../src/model/groups.js';
import { flags, machine } from './lib.js';

/**
 * npm run bench:groups-memory -- [--groups 100000] [--members 100] [--accounts 200000]
 *
 * Heap and RSS of the group store holding G Public groups of M members each (an owner and M - 1
 * members drawn in turn from A accounts), read after a full GC; the store alone, without HTTP.
 * Then the cost of one operation at that size against the same operation on a store of 100
 * groups: an O(1) or O(members) operation costs about the same at both sizes, one that walks
 * every group costs G/100 times more.
 */
const opts = flags({ groups: '100000', members: '100', accounts: '200000' });
const SDKAPPID = 1400000001;
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with --expose-gc (node --expose-gc --import tsx bench/groups-memory.ts)');
const mem = () => {
  gc();
  gc();
  return process.memoryUsage();
};
const mb = (x: number) => Math.round(x / 1048576);

/** A store of `count` groups of opts.members members, and the accounts' next index. */
function fill(store: GroupStore, count: number): void {
  let next = 0;
  for (let g = 0; g < count; g++) {
    const members = Array.from({ length: opts.members - 1 }, () => ({ account: `u${(next++ % opts.accounts) + 1}` }));
    const made = store.create(SDKAPPID, { type: 'Public', name: `group ${g}`, owner: `u${g % opts.accounts}`, members });
    if (!made.ok) throw new Error(`group ${g}: ${made.reason}`);
  }
}

/** Microseconds per call of each operation, over `rounds` calls. */
function costs(store: GroupStore, rounds: number): Record<string, number> {
  const time = (run: (i: number) => void): number => {
    const started = performance.now();
    for (let i = 0; i < rounds; i++) run(i);
    return Math.round(((performance.now() - started) * 1000) / rounds * 10) / 10;
  };
  // Fresh members for each probe group, so that no account reaches its 500 groups.
  const members = (i: number) => Array.from({ length: opts.members - 1 }, (_, k) => ({ account: `x${i}-${k}` }));
  const made: string[] = [];
  const some = store.page(SDKAPPID, 0, 1).groups[0];
  if (some === undefined) throw new Error('no group');
  return {
    createUs: time((i) => {
      const group = store.create(SDKAPPID, { type: 'Public', name: 'probe', owner: `p${i}`, members: members(i) });
      if (!group.ok) throw new Error(`probe ${i}: ${group.reason}`);
      made.push(group.value.groupId);
    }),
    getUs: time((i) => void store.get(SDKAPPID, made[i] as string)),
    joinedListUs: time((i) => void store.joinedBy(SDKAPPID, `u${(i % opts.accounts) + 1}`)),
    addAndRemoveMemberUs: time((i) => {
      store.addMember(SDKAPPID, some, `y${i}`);
      store.removeMember(SDKAPPID, some, `y${i}`);
    }),
    countsUs: time(() => void store.counts(SDKAPPID)),
    pageOf20Us: time(() => void store.page(SDKAPPID, 0, 20)),
    pageOf20AVChatRoomsUs: time(() => void store.page(SDKAPPID, 0, 20, 'AVChatRoom')),
    destroyUs: time((i) => store.destroy(SDKAPPID, store.get(SDKAPPID, made[i] as string) as NonNullable<ReturnType<GroupStore['get']>>)),
  };
}

const base = mem();
const store = new GroupStore(new ControllableClock());
const started = performance.now();
fill(store, opts.groups);
const fillMs = performance.now() - started;
const full = mem();
const memberships = opts.groups * opts.members;
const small = new GroupStore(new ControllableClock());
fill(small, 100);
console.log(JSON.stringify({
  machine: machine(),
  groups: store.count(SDKAPPID),
  membersPerGroup: opts.members,
  accounts: opts.accounts,
  memberships,
  heapUsedMB: mb(full.heapUsed - base.heapUsed),
  rssMB: mb(full.rss),
  bytesPerMembership: Math.round((full.heapUsed - base.heapUsed) / memberships),
  fillMs: Math.round(fillMs),
  at100Groups: costs(small, 1000),
  atFullSize: costs(store, 1000),
}));
