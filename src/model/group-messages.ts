/**
 * The messages a group keeps, newest last, at most this many per group: the vendor keeps a group's
 * history for a time its plan sets (roaming), not a count, so the emulator bounds each group by
 * count instead and drops the oldest first (docs/differences.md).
 */
export const GROUP_HISTORY_MAX = 1000;
/** Seconds within which a second message with the same Random is the same message (send_group_msg, 269/1629). */
export const GROUP_DEDUP_SECONDS = 300;

/** MsgPriority values (send_group_msg, https://cloud.tencent.com/document/product/269/1629). */
export const PRIORITIES = ['High', 'Normal', 'Low', 'Lowest'] as const;

/** One group message as send_group_msg stored it and group_msg_get_simple answers it. */
export interface GroupMessage {
  seq: number;
  random: number;
  /** Unix seconds. */
  time: number;
  from: string;
  body: unknown[];
  priority: string;
  cloudCustomData?: string | undefined;
  /** Set by group_msg_recall: the vendor keeps the seq, the content is gone. */
  recalled: boolean;
}

export type NewGroupMessage = Omit<GroupMessage, 'seq' | 'recalled'>;

/** A kept message with its group, as the state document holds it. */
export interface GroupMessageRecord extends GroupMessage {
  groupId: string;
}

/** A message seeded into a group as if sent: what is absent is as send_group_msg would set it. */
export interface GroupMessageSeed {
  from: string;
  body: unknown[];
  /** Unix seconds; absent: now. */
  time?: number | undefined;
  /** Absent: the message's place in the seed list. */
  random?: number | undefined;
  priority?: (typeof PRIORITIES)[number] | undefined;
  cloudCustomData?: string | undefined;
}

export interface HistoryPage {
  messages: GroupMessage[];
  finished: boolean;
}

/** What the history reads and moves on a group (groups.ts's Group). */
interface Group {
  nextMsgSeq: number;
  lastMsgTime: number;
}

/**
 * Every group's history, held beside the group itself (a WeakMap on the group object), so a
 * destroyed or cleared group takes its messages with it and nothing is left to clean.
 */
export class GroupHistory {
  readonly #byGroup = new WeakMap<Group, GroupMessage[]>();

  /** The group's kept messages, oldest first. */
  of(group: Group): readonly GroupMessage[] {
    return this.#byGroup.get(group) ?? [];
  }

  /** The message with `seq`, if the group still keeps it: O(log kept). */
  find(group: Group, seq: number): GroupMessage | undefined {
    const list = this.of(group);
    let low = 0;
    let high = list.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const at = list[mid] as GroupMessage;
      if (at.seq === seq) return at;
      if (at.seq < seq) low = mid + 1;
      else high = mid - 1;
    }
    return undefined;
  }

  /** A message from `from` with `random` sent within GROUP_DEDUP_SECONDS of `now`, newest first. */
  duplicate(group: Group, from: string, random: number, now: number): GroupMessage | undefined {
    const list = this.of(group);
    for (let i = list.length - 1; i >= 0; i--) {
      const message = list[i] as GroupMessage;
      if (now - message.time >= GROUP_DEDUP_SECONDS) return undefined;
      if (message.random === random && message.from === from) return message;
    }
    return undefined;
  }

  /**
   * Gives the message the group's next seq and moves LastMsgTime; keeps it unless `keep` is
   * false (an AVChatRoom stores no history). Past GROUP_HISTORY_MAX the oldest goes.
   */
  append(group: Group, message: NewGroupMessage, keep = true): GroupMessage {
    const stored: GroupMessage = { ...message, seq: group.nextMsgSeq, recalled: false };
    group.nextMsgSeq += 1;
    group.lastMsgTime = Math.max(group.lastMsgTime, message.time);
    if (keep) {
      let list = this.#byGroup.get(group);
      if (list === undefined) {
        list = [];
        this.#byGroup.set(group, list);
      }
      list.push(stored);
      if (list.length > GROUP_HISTORY_MAX) list.shift();
    }
    return stored;
  }

  /**
   * Replaces the group's kept messages with `messages` (a checked state document: ascending
   * seqs below the group's NextMsgSeq); past GROUP_HISTORY_MAX only the newest stay.
   */
  restore(group: Group, messages: readonly GroupMessage[]): void {
    this.#byGroup.set(group, messages.slice(-GROUP_HISTORY_MAX).map((m) => ({ ...m })));
  }

  /**
   * Up to `count` kept messages with seq <= `upTo`, newest first, and whether the group keeps
   * nothing older (IsFinished); recalled ones only when `withRecalled`.
   */
  page(group: Group, upTo: number, count: number, withRecalled: boolean): HistoryPage {
    const list = this.of(group);
    const messages: GroupMessage[] = [];
    let i = list.length - 1;
    while (i >= 0 && (list[i] as GroupMessage).seq > upTo) i--;
    for (; i >= 0 && messages.length < count; i--) {
      const message = list[i] as GroupMessage;
      if (withRecalled || !message.recalled) messages.push(message);
    }
    if (!withRecalled) while (i >= 0 && (list[i] as GroupMessage).recalled) i--;
    return { messages, finished: i < 0 };
  }
}
