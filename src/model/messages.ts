/**
 * The most one-to-one messages the emulator keeps, all apps together; past it the oldest go
 * first, as the journal drops its oldest entries, so a long soak cannot exhaust memory.
 */
export const MESSAGE_CAP = 1_000_000;
/** Seconds a sent message's dedup key lives (sendmsg: 去重 Key 的有效期是120秒). */
export const DEDUP_SECONDS = 120;

/** A message as the vendor keeps it (sendmsg, batchsendmsg, importmsg). */
export interface Message {
  sdkappid: number;
  from: string;
  to: string;
  seq: number;
  random: number;
  /** Unix seconds. */
  time: number;
  key: string;
  /** The validated MsgBody elements, as sent. */
  body: unknown[];
  cloudCustomData?: string | undefined;
  offlinePushInfo?: Record<string, unknown> | undefined;
  syncOtherMachine?: number | undefined;
  msgLifeTime?: number | undefined;
  /** False for importmsg's history (SyncFromOldSystem 2), which does not count as unread. */
  countsUnread: boolean;
  /** Set by admin_msgwithdraw: the vendor keeps a withdrawn message, flagged (MsgFlagBits 8). */
  withdrawn: boolean;
}

/** Everything `peer` sent `reader` up to `time` (unix seconds) is read (admin_set_msg_read). */
export interface ReadTime {
  sdkappid: number;
  reader: string;
  peer: string;
  time: number;
}

/** What a write gives: the fields the store keeps, its key and time given by the caller. */
export type NewMessage = Omit<Message, 'withdrawn'>;

/**
 * One conversation's messages in the order they were stored; `head` skips the ones evicted,
 * whose slots hold undefined (so the message is let go at once) until the array is compacted.
 */
interface Conversation {
  items: (Message | undefined)[];
  head: number;
}

const conversationKey = (sdkappid: number, a: string, b: string): string =>
  a < b ? `${sdkappid}\n${a}\n${b}` : `${sdkappid}\n${b}\n${a}`;
const accountKey = (sdkappid: number, id: string): string => `${sdkappid}\n${id}`;
/** The key of what `reader` has of `peer`: its read time and its unread count. */
const readerKey = (sdkappid: number, reader: string, peer: string): string => `${sdkappid}\n${reader}\n${peer}`;

/** The messages past `head`: every slot there holds one. */
const live = (c: Conversation): Message[] => c.items.slice(c.head).filter((m): m is Message => m !== undefined);

/** Drops the first `head` items once they are most of the array, so eviction stays O(1) amortized. */
function compact<T>(holder: { items: T[]; head: number }): void {
  if (holder.head > 1024 && holder.head * 2 > holder.items.length) {
    holder.items = holder.items.slice(holder.head);
    holder.head = 0;
  }
}

/**
 * Every app's one-to-one messages, read times and dedup keys. Each method runs to completion
 * without awaiting. Messages live in their conversation (both directions) and in one queue in
 * the order they were stored, which the cap evicts from.
 */
export class MessageStore {
  readonly #cap: number;
  readonly #conversations = new Map<string, Conversation>();
  /** Every stored message, oldest first; deleted ones stay until they reach the head, marked in #gone. */
  #queue: Conversation = { items: [], head: 0 };
  readonly #gone = new WeakSet<Message>();
  #size = 0;
  /** The conversations an account takes part in, for its unread total and its deletion. */
  readonly #byAccount = new Map<string, Set<string>>();
  /** Read times (unix seconds) by app, reader and peer. */
  readonly #readAt = new Map<string, number>();
  /**
   * Unread counts by app, reader and peer, kept as messages come, go, are withdrawn or read:
   * sendmsg's after-callback carries the recipient's total, and counting it afresh made every
   * send cost as much as the conversation was long.
   */
  readonly #unread = new Map<string, number>();
  /** Dedup keys of recent messages, with their expiry in insertion order. */
  readonly #recent = new Map<string, Message>();
  #recentQueue: { items: Array<{ key: string; until: number }>; head: number } = { items: [], head: 0 };
  #nextId = 1;

  constructor(cap = MESSAGE_CAP) {
    this.#cap = cap;
  }

  get size(): number {
    return this.#size;
  }

  /** A new MsgKey, unique in the process: the random, a counter and the time, in the vendor's `a_b_c` shape. */
  newKey(random: number, time: number): string {
    return `${random}_${this.#nextId++}_${time}`;
  }

  /** The message stored under a dedup key in the last 120 seconds, if any (the key is the caller's). */
  duplicate(dedupKey: string, now: number): Message | undefined {
    this.#expire(now);
    return this.#recent.get(dedupKey);
  }

  #expire(now: number): void {
    const q = this.#recentQueue;
    while (q.head < q.items.length && (q.items[q.head] as { until: number }).until <= now) {
      const { key } = q.items[q.head++] as { key: string };
      this.#recent.delete(key);
    }
    compact(q);
  }

  /** Stores a message (and its dedup key, if any, for 120 seconds from `now`), evicting the oldest past the cap. */
  add(fields: NewMessage, dedupKey: string | undefined, now: number): Message {
    const message: Message = { ...fields, withdrawn: false };
    const key = conversationKey(message.sdkappid, message.from, message.to);
    let conversation = this.#conversations.get(key);
    if (conversation === undefined) {
      this.#conversations.set(key, (conversation = { items: [], head: 0 }));
      for (const id of [message.from, message.to]) {
        const account = accountKey(message.sdkappid, id);
        let set = this.#byAccount.get(account);
        if (set === undefined) this.#byAccount.set(account, (set = new Set()));
        set.add(key);
      }
    }
    conversation.items.push(message);
    this.#queue.items.push(message);
    this.#size++;
    if (this.#isUnread(message)) this.#countUnread(message, 1);
    if (dedupKey !== undefined) {
      this.#recent.set(dedupKey, message);
      this.#recentQueue.items.push({ key: dedupKey, until: now + DEDUP_SECONDS });
    }
    while (this.#size > this.#cap) this.#evictOldest();
    return message;
  }

  #evictOldest(): void {
    const q = this.#queue;
    for (;;) {
      const oldest = q.items[q.head] as Message;
      // The slot lets go of the message at once; compact() drops the slots later.
      q.items[q.head++] = undefined;
      if (this.#gone.has(oldest)) continue;
      const key = conversationKey(oldest.sdkappid, oldest.from, oldest.to);
      const conversation = this.#conversations.get(key) as Conversation;
      // The oldest stored message is its conversation's oldest too: both keep storing order.
      conversation.items[conversation.head++] = undefined;
      compact(conversation);
      this.#size--;
      if (this.#isUnread(oldest)) this.#countUnread(oldest, -1);
      break;
    }
    compact(q);
  }

  /** A conversation's messages (both directions), in the order they were stored. */
  conversation(sdkappid: number, a: string, b: string): Message[] {
    const conversation = this.#conversations.get(conversationKey(sdkappid, a, b));
    return conversation === undefined ? [] : live(conversation);
  }

  /** The message `key` names in the conversation of `from` and `to`. */
  find(sdkappid: number, from: string, to: string, key: string): Message | undefined {
    return this.conversation(sdkappid, from, to).find((m) => m.key === key && m.from === from && m.to === to);
  }

  /** Overwrites a stored message's body and, when given, its CloudCustomData (modify_c2c_msg). */
  modify(message: Message, body: unknown[] | undefined, cloudCustomData: string | undefined): void {
    if (body !== undefined) message.body = body;
    if (cloudCustomData !== undefined) message.cloudCustomData = cloudCustomData;
  }

  withdraw(message: Message): void {
    if (this.#isUnread(message)) this.#countUnread(message, -1);
    message.withdrawn = true;
  }

  /** Marks everything `peer` sent `reader` up to `time` (unix seconds) as read. */
  setRead(sdkappid: number, reader: string, peer: string, time: number): void {
    const pair = readerKey(sdkappid, reader, peer);
    this.#readAt.set(pair, time);
    let n = 0;
    for (const m of this.conversation(sdkappid, reader, peer)) if (m.to === reader && this.#isUnread(m)) n++;
    this.#unread.set(pair, n);
  }

  /** Whether a stored message counts as unread for its recipient: not history, not withdrawn, after the read time. */
  #isUnread(m: Message): boolean {
    return m.countsUnread && !m.withdrawn && m.time > (this.#readAt.get(readerKey(m.sdkappid, m.to, m.from)) ?? -1);
  }

  #countUnread(m: Message, by: 1 | -1): void {
    const pair = readerKey(m.sdkappid, m.to, m.from);
    this.#unread.set(pair, (this.#unread.get(pair) ?? 0) + by);
  }

  /** Messages from `peer` to `reader` after the read time that count as unread. */
  unread(sdkappid: number, reader: string, peer: string): number {
    return this.#unread.get(readerKey(sdkappid, reader, peer)) ?? 0;
  }

  /** Every unread message of `reader`, over all its conversations. */
  unreadTotal(sdkappid: number, reader: string): number {
    let n = 0;
    for (const key of this.#byAccount.get(accountKey(sdkappid, reader)) ?? []) {
      const [, a, b] = key.split('\n') as [string, string, string];
      n += this.unread(sdkappid, reader, a === reader ? b : a);
    }
    return n;
  }

  /** Removes every message `identifier` sent or received, and its read times (account_delete). */
  deleteAccount(sdkappid: number, identifier: string): void {
    const account = accountKey(sdkappid, identifier);
    for (const key of this.#byAccount.get(account) ?? []) {
      const conversation = this.#conversations.get(key) as Conversation;
      for (const m of live(conversation)) this.#gone.add(m);
      this.#size -= conversation.items.length - conversation.head;
      this.#conversations.delete(key);
      const [, a, b] = key.split('\n') as [string, string, string];
      this.#byAccount.get(accountKey(sdkappid, a === identifier ? b : a))?.delete(key);
      for (const pair of [readerKey(sdkappid, a, b), readerKey(sdkappid, b, a)]) {
        this.#readAt.delete(pair);
        this.#unread.delete(pair);
      }
    }
    this.#byAccount.delete(account);
  }

  /** Messages in storing order: one app's, or every app's; with `from` and `to`, one conversation (both directions). */
  list(filter: { sdkappid?: number; from?: string; to?: string } = {}): Message[] {
    const { sdkappid, from, to } = filter;
    if (sdkappid !== undefined && from !== undefined && to !== undefined) return this.conversation(sdkappid, from, to);
    const q = this.#queue;
    const out: Message[] = [];
    for (let i = q.head; i < q.items.length; i++) {
      const m = q.items[i] as Message;
      if (this.#gone.has(m) || (sdkappid !== undefined && m.sdkappid !== sdkappid)) continue;
      const involves = (id: string | undefined) => id === undefined || m.from === id || m.to === id;
      if (!involves(from) || !involves(to)) continue;
      out.push(m);
    }
    return out;
  }

  /** Empties one app, or every app. */
  clear(sdkappid?: number): void {
    if (sdkappid === undefined) {
      this.#conversations.clear();
      this.#queue = { items: [], head: 0 };
      this.#size = 0;
      this.#byAccount.clear();
      this.#readAt.clear();
      this.#unread.clear();
      this.#recent.clear();
      this.#recentQueue = { items: [], head: 0 };
      return;
    }
    for (const m of this.list({ sdkappid })) this.deleteAccount(sdkappid, m.from);
    const prefix = `${sdkappid}\n`;
    for (const key of [...this.#readAt.keys()]) if (key.startsWith(prefix)) this.#readAt.delete(key);
    for (const key of [...this.#unread.keys()]) if (key.startsWith(prefix)) this.#unread.delete(key);
  }

  /** Every message, oldest first (the state document). */
  snapshot(): Message[] {
    return this.list();
  }

  /** Every read time (admin_set_msg_read), for the state document. */
  reads(): ReadTime[] {
    return [...this.#readAt].map(([key, time]) => {
      const [sdkappid, reader, peer] = key.split('\n') as [string, string, string];
      return { sdkappid: Number(sdkappid), reader, peer, time };
    });
  }

  /**
   * Replaces every message and read time with already checked ones (state import); dedup keys
   * start afresh. New MsgKeys continue past the restored ones' counters, so none is issued twice.
   */
  restore(messages: readonly Message[], reads: readonly ReadTime[] = []): void {
    this.clear();
    for (const m of messages) {
      const stored = this.add(m, undefined, 0);
      if (m.withdrawn) this.withdraw(stored);
      const counter = Number(m.key.split('_')[1]);
      if (Number.isSafeInteger(counter) && counter >= this.#nextId) this.#nextId = counter + 1;
    }
    for (const { sdkappid, reader, peer, time } of reads) this.setRead(sdkappid, reader, peer, time);
  }
}
