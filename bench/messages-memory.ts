import { MessageStore, MESSAGE_CAP } from '../src/model/messages.js';
import { flags } from './lib.js';

/**
 * npx tsx --expose-gc bench/messages-memory.ts -- [--messages 1000000] [--conversations 1000]
 *
 * Heap and RSS of the message store holding N text messages (the cap is MESSAGE_CAP), spread
 * over C conversations, read after a full GC; then N more, so the cap evicts the first N.
 * The store alone, without HTTP: sendmsg's own throughput is measured by bench/run.ts.
 */
const opts = flags({ messages: String(MESSAGE_CAP), conversations: '1000' });
const n = opts.messages;
const c = opts.conversations;
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with --expose-gc');
const mem = () => {
  gc();
  gc();
  return process.memoryUsage();
};
const store = new MessageStore(n);
const base = mem();
const fill = (offset: number) => {
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    const k = offset + i;
    store.add(
      { sdkappid: 1400000001, from: `u${k % c}`, to: `v${k % c}`, seq: k, random: k, time: 1767225600 + k, key: `${k}_${k}_1767225600`,
        body: [{ MsgType: 'TIMTextElem', MsgContent: { Text: `hello ${k}` } }], countsUnread: true },
      undefined,
      0,
    );
  }
  return performance.now() - started;
};
const firstMs = fill(0);
const full = mem();
const secondMs = fill(n);
const after = mem();
const mb = (x: number) => (x / 1048576).toFixed(0);
console.log(JSON.stringify({
  messages: store.size,
  conversations: c,
  heapUsedMB: mb(full.heapUsed - base.heapUsed),
  rssMB: mb(full.rss),
  bytesPerMessage: Math.round((full.heapUsed - base.heapUsed) / n),
  fillMs: Math.round(firstMs),
  fillWithEvictionMs: Math.round(secondMs),
  heapAfterEvictingAllMB: mb(after.heapUsed - base.heapUsed),
}));
