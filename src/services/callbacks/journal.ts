import { RingBuffer } from '../journal/ring.js';

/** One callback the emulator sent (or dropped), as GET /__mock/callbacks lists it. */
export interface CallbackRecord {
  /** 1, 2, 3… in the order the callbacks were asked for. */
  id: number;
  /** ISO 8601, by the emulator's clock, when the callback was asked for. */
  time: string;
  sdkappid: number;
  command: string;
  /** The URL called, without Sign and RequestTime. */
  url: string;
  /** The body sent: the command's payload with CallbackCommand and EventTime. */
  payload: Record<string, unknown>;
  /** The backend's HTTP status; null when none came. */
  status: number | null;
  /** The backend's reply, clipped. */
  reply: string;
  durationMs: number;
  /** Why the callback failed (a timeout, a refused connection, a full queue); null when it was answered. */
  error: string | null;
}

/** Callbacks kept by the journal; older ones are overwritten. */
export const CALLBACK_JOURNAL_SIZE = 1000;
export const CALLBACKS_PAGE_DEFAULT = 100;
export const CALLBACKS_PAGE_MAX = 1000;
/** The longest wait GET /__mock/callbacks/next holds a request for. */
export const CALLBACK_WAIT_MAX_MS = 30_000;

interface Waiter {
  command: string | undefined;
  resolve: (record: CallbackRecord | undefined) => void;
  timer: NodeJS.Timeout;
}

/** The last CALLBACK_JOURNAL_SIZE callbacks, and the tests waiting for the next one of a command. */
export class CallbackJournal {
  readonly #ring: RingBuffer<CallbackRecord>;
  #waiters: Waiter[] = [];

  constructor(size = CALLBACK_JOURNAL_SIZE) {
    this.#ring = new RingBuffer(size);
  }

  get size(): number {
    return this.#ring.size;
  }

  add(record: CallbackRecord): void {
    this.#ring.push(record);
    const [matched, rest] = partition(this.#waiters, (w) => w.command === undefined || w.command === record.command);
    this.#waiters = rest;
    for (const w of matched) {
      clearTimeout(w.timer);
      w.resolve(record);
    }
  }

  /** Up to `limit` records with an id above `after`, oldest first; `next` is the last id when more follow. */
  page(query: { limit?: number | undefined; after?: number | undefined; command?: string | undefined }): {
    callbacks: CallbackRecord[];
    next: number | null;
  } {
    const limit = Math.min(query.limit ?? CALLBACKS_PAGE_DEFAULT, CALLBACKS_PAGE_MAX);
    const after = query.after ?? 0;
    const { command } = query;
    const matching = [...this.#ring].filter((r) => r.id > after && (command === undefined || r.command === command));
    const callbacks = matching.slice(0, limit);
    return { callbacks, next: matching.length > limit ? (callbacks.at(-1) as CallbackRecord).id : null };
  }

  /** The next record of `command` (any command when undefined) to arrive, or undefined after `timeoutMs`. */
  next(command: string | undefined, timeoutMs: number): Promise<CallbackRecord | undefined> {
    return new Promise((resolve) => {
      const waiter: Waiter = {
        command,
        resolve,
        timer: setTimeout(() => {
          this.#waiters = this.#waiters.filter((w) => w !== waiter);
          resolve(undefined);
        }, Math.min(timeoutMs, CALLBACK_WAIT_MAX_MS)),
      };
      this.#waiters.push(waiter);
    });
  }

  /** Forgets the records; waiting tests keep waiting. */
  clear(): void {
    this.#ring.clear();
  }

  /** Answers every waiting test with undefined (the app is closing). */
  close(): void {
    for (const w of this.#waiters) {
      clearTimeout(w.timer);
      w.resolve(undefined);
    }
    this.#waiters = [];
  }
}

function partition<T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] {
  const yes: T[] = [];
  const no: T[] = [];
  for (const item of items) (test(item) ? yes : no).push(item);
  return [yes, no];
}
