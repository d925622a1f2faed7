import { PerformanceObserver, constants } from 'node:perf_hooks';
import { buildApp } from '../../src/app.js';
import { RECLAIM_AFTER } from '../../src/model/accounts/reclaim.js';

/**
 * Run by reclaim.test.ts in a node started with --expose-gc, as the CLI and the image start it:
 * deletes RECLAIM_AFTER accounts through DELETE /__mock/accounts, waits for the full collection
 * that follows and prints, as one JSON line, the count deleted and when the collection started.
 */
const SDKAPPID = 1400000001;
const app = buildApp({ reclaimMemory: true });
await app.ready();
for (let i = 0; i < RECLAIM_AFTER; i++) app.mock.store.import(SDKAPPID, `user${i}`, {});
const asked = { at: Infinity };
const collected = new Promise<number>((resolve) => {
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = (entry as { detail?: { kind?: number } }).detail?.kind;
      if (kind === constants.NODE_PERFORMANCE_GC_MAJOR && entry.startTime >= asked.at) {
        observer.disconnect();
        resolve(entry.startTime);
      }
    }
  });
  observer.observe({ entryTypes: ['gc'] });
});
// The collection is scheduled unref'd (it must not hold a closing server open): this holds the loop.
const hold = setInterval(() => {}, 60_000);
asked.at = performance.now();
const res = await app.inject({ method: 'DELETE', url: '/__mock/accounts' });
const startedAfterMs = (await collected) - asked.at;
clearInterval(hold);
await app.close();
process.stdout.write(`${JSON.stringify({ deleted: (res.json() as { deleted: number }).deleted, startedAfterMs })}\n`);
