import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Dropping at least this many accounts and deletions at once is worth a full collection. */
export const RECLAIM_AFTER = 10_000;

/** V8's full collection; null once it could not be had, so it is never tried again. */
let collect: (() => void) | null | undefined;
let scheduled = false;

function collector(): (() => void) | null {
  if (collect !== undefined) return collect;
  const exposed = (globalThis as { gc?: () => void }).gc;
  try {
    if (exposed === undefined) setFlagsFromString('--expose-gc');
    collect = exposed ?? (runInNewContext('gc') as () => void);
  } catch {
    collect = null;
  }
  return collect;
}

/**
 * Runs one full garbage collection on the next turn of the event loop. After a bulk deletion
 * V8 keeps the freed accounts until its next full collection, which light traffic may never
 * trigger, so a long-lived container would stay at its peak RSS (the soak's figures are in
 * BENCHMARKS.md). Without
 * node's --expose-gc, `gc` is exposed as jest's leak detector exposes it; should that fail,
 * nothing is collected and nothing else changes.
 */
export function reclaimMemory(): void {
  if (scheduled) return;
  scheduled = true;
  setImmediate(() => {
    scheduled = false;
    try {
      collector()?.();
    } catch {
      collect = null;
    }
  }).unref();
}
