import t from 'tap';
import { PerformanceObserver, constants } from 'node:perf_hooks';
import { runInNewContext } from 'node:vm';
import { ControllableClock } from '../../src/clock.js';
import { AccountStore } from '../../src/accounts/store.js';
import { RECLAIM_AFTER } from '../../src/accounts/reclaim.js';
import { optionsFromProcess, resolveOptions } from '../../src/config.js';
import { build, SDKAPPID } from '../helper.js';

function fill(store: AccountStore, sdkappid: number, count: number, prefix = 'user'): void {
  for (let i = 0; i < count; i++) store.import(sdkappid, `${prefix}${i}`, {});
}

t.test('a bulk removal of RECLAIM_AFTER accounts and deletions or more asks for a collection, a smaller one does not', async (t) => {
  let reclaims = 0;
  const store = new AccountStore(new ControllableClock(), () => void reclaims++);
  fill(store, 1, RECLAIM_AFTER - 1);
  store.clear();
  t.equal(reclaims, 0, `clearing ${RECLAIM_AFTER - 1} accounts`);

  fill(store, 1, RECLAIM_AFTER - 1);
  fill(store, 2, 1);
  store.clear(1);
  t.equal(reclaims, 0, "clearing one app counts that app's accounts only");
  fill(store, 1, RECLAIM_AFTER - 1);
  store.clear();
  t.equal(reclaims, 1, `clearing ${RECLAIM_AFTER} accounts over two apps`);

  fill(store, 3, RECLAIM_AFTER);
  store.clear(3);
  t.equal(reclaims, 2, `clearing one app of ${RECLAIM_AFTER}`);
  store.clear(4);
  t.equal(reclaims, 2, 'clearing an app never used');

  fill(store, 1, RECLAIM_AFTER - 2);
  fill(store, 1, 2, 'gone');
  for (const id of ['gone0', 'gone1']) store.delete(1, id);
  t.equal(store.count(1), RECLAIM_AFTER - 2);
  store.replace([], []);
  t.equal(reclaims, 3, `replacing ${RECLAIM_AFTER - 2} accounts and 2 remembered deletions (a state import)`);
  store.replace([], []);
  t.equal(reclaims, 3, 'replacing an empty store');
});

t.test('a store built without a reclaim function never asks', async (t) => {
  const store = new AccountStore(new ControllableClock());
  fill(store, 1, RECLAIM_AFTER);
  t.doesNotThrow(() => store.clear());
});

t.test('the CLI reclaims memory; in-process use does not unless asked (it would collect the host heap)', async (t) => {
  t.equal(optionsFromProcess([], {}).reclaimMemory, true);
  t.equal(resolveOptions({}).reclaimMemory, false);
  t.equal(resolveOptions({ reclaimMemory: true }).reclaimMemory, true);
});

t.test('with reclaimMemory, DELETE /__mock/accounts of RECLAIM_AFTER accounts runs a full collection', async (t) => {
  t.equal(typeof (globalThis as { gc?: unknown }).gc, 'undefined', 'this process was started without --expose-gc');
  const { app } = build(t, { reclaimMemory: true });
  fill(app.mock.store, SDKAPPID, RECLAIM_AFTER);
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
  const res = await app.inject({ method: 'DELETE', url: '/__mock/accounts' });
  t.same(res.json(), { deleted: RECLAIM_AFTER });
  await sawMajor;
  t.ok(majors.every((start) => start >= asked), 'a full collection ran after the deletion');
  t.equal(runInNewContext('typeof gc'), 'function', 'by the gc function the emulator exposed');
  t.equal(typeof (globalThis as { gc?: unknown }).gc, 'undefined', 'gc is not put on the global object');
});
