/** Dropping at least this many accounts and deletions at once is worth a full collection. */
export const RECLAIM_AFTER = 10_000;

let scheduled = false;

/**
 * Runs one full garbage collection on the next turn of the event loop. After a bulk deletion
 * V8 keeps the freed accounts until its next full collection, which light traffic may never
 * trigger, so a long-lived container would stay at its peak RSS (the soak's figures are in
 * BENCHMARKS.md). The CLI and the image start node with --expose-gc; a process started without
 * it has no `gc` and nothing is collected.
 */
export function reclaimMemory(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined || scheduled) return;
  scheduled = true;
  setImmediate(() => {
    scheduled = false;
    gc();
  }).unref();
}
