import t from 'tap';
import { PerformanceObserver, constants } from 'node:perf_hooks';
import { ControllableClock } from '../../src/clock.js';
import { AccountStore } from '../../src/accounts/store.js';
import { RECLAIM_AFTER_ACCOUNTS, reclaimMemory } from '../../src/accounts/reclaim.js';

function fill(store: AccountStore, sdkappid: number, count: number): void {
  for (let i = 0; i < count; i++) store.import(sdkappid, `user${i}`, {});
}

t.test('a bulk removal of RECLAIM_AFTER_ACCOUNTS accounts or more asks for a collection, a smaller one does not', async (t) => {
  let reclaims = 0;
  const store = new AccountStore(new ControllableClock(), () => void reclaims++);
  fill(store, 1, RECLAIM_AFTER_ACCOUNTS - 1);
  store.clear();
  t.equal(reclaims, 0, `clearing ${RECLAIM_AFTER_ACCOUNTS - 1} accounts`);

  fill(store, 1, RECLAIM_AFTER_ACCOUNTS - 1);
  fill(store, 2, 1);
  store.clear(1);
  t.equal(reclaims, 0, "clearing one app counts that app's accounts only");
  fill(store, 1, RECLAIM_AFTER_ACCOUNTS - 1);
  store.clear();
  t.equal(reclaims, 1, `clearing ${RECLAIM_AFTER_ACCOUNTS} accounts over two apps`);

  fill(store, 3, RECLAIM_AFTER_ACCOUNTS);
  store.clear(3);
  t.equal(reclaims, 2, `clearing one app of ${RECLAIM_AFTER_ACCOUNTS}`);

  fill(store, 1, RECLAIM_AFTER_ACCOUNTS);
  store.replace([], []);
  t.equal(reclaims, 3, `replacing ${RECLAIM_AFTER_ACCOUNTS} accounts (a state import)`);
  store.replace([], []);
  t.equal(reclaims, 3, 'replacing an empty store');
});

t.test('reclaimMemory runs a full collection after the current tick, without node flags', async (t) => {
  t.equal(typeof (globalThis as { gc?: unknown }).gc, 'undefined', 'this process was started without --expose-gc');
  const majors: number[] = [];
  const sawMajor = new Promise<void>((resolve) => {
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if ((entry as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) majors.push(entry.startTime);
      }
      if (majors.length > 0) {
        observer.disconnect();
        resolve();
      }
    });
    observer.observe({ entryTypes: ['gc'] });
  });
  // The collection is scheduled unref'd (it must not hold a closing server open): this holds the test's loop.
  const hold = setInterval(() => {}, 60_000);
  t.teardown(() => clearInterval(hold));
  const asked = performance.now();
  reclaimMemory();
  reclaimMemory();
  t.equal(majors.length, 0, 'nothing ran synchronously');
  await sawMajor;
  t.ok(majors.every((start) => start >= asked), 'a full collection ran after it was asked for');
  t.equal(typeof (globalThis as { gc?: unknown }).gc, 'undefined', 'gc is not left on the global object');
});
