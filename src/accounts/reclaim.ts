import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Dropping at least this many accounts at once (a few MB) is worth a full collection. */
export const RECLAIM_AFTER_ACCOUNTS = 10_000;

let collect: (() => void) | undefined;
let scheduled = false;

/**
 * Runs one full garbage collection once the current reply has gone out. After a bulk
 * deletion V8 keeps the freed accounts until its next full collection, which light traffic
 * may never trigger, so a long-lived container would stay at its peak RSS (measured: 230 MB
 * after deleting 218,000 accounts, 130 MB once collected; the collection took 40 ms). `gc`
 * is exposed as jest's leak detector exposes it, so that no node flag is needed.
 */
export function reclaimMemory(): void {
  if (scheduled) return;
  scheduled = true;
  setImmediate(() => {
    scheduled = false;
    if (collect === undefined) {
      setFlagsFromString('--expose-gc');
      collect = runInNewContext('gc') as () => void;
    }
    collect();
  }).unref();
}
