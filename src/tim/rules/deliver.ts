import { unixSeconds } from '../../model/clock.js';
import type { Message } from '../../model/messages.js';
import type { CommandContext } from '../command.js';
import { randomUint32 } from './openim.js';

/** A checked message on its way into the store. */
export interface Outgoing {
  from: string;
  to: string;
  /** Absent: the vendor fills in a random one. */
  seq: number | undefined;
  random: number;
  /** importmsg's MsgTimeStamp; absent: now. */
  time?: number | undefined;
  elements: unknown[];
  /** The elements' JSON: the content part of the dedup key. */
  json: string;
  cloudCustomData?: string | undefined;
  offlinePushInfo?: Record<string, unknown> | undefined;
  syncOtherMachine?: number | undefined;
  msgLifeTime?: number | undefined;
  countsUnread: boolean;
  /** batchsendmsg gives every recipient the one MsgKey it answers. */
  key?: string | undefined;
}

/**
 * Stores a message unless it repeats one of the last 120 seconds (same sender, MsgSeq,
 * MsgRandom and content: sendmsg's dedup rule, with the recipient and importmsg's time in the
 * content), in which case the first is answered again. Without a MsgSeq the vendor fills in a
 * random one, so such a message is never a repeat. MsgLifeTime 0 sends to online clients only: nothing is stored, and
 * the reply still carries a time and a key.
 */
export function deliver(ctx: CommandContext, out: Outgoing): Pick<Message, 'time' | 'key'> {
  const { app, clock, messages } = ctx;
  const now = unixSeconds(clock);
  const time = out.time ?? now;
  const seq = out.seq ?? randomUint32();
  const dedupKey = out.seq === undefined
    ? undefined
    : [app.sdkappid, out.from, out.to, out.seq, out.random, out.time ?? '', out.json].join('\n');
  const first = dedupKey === undefined ? undefined : messages.duplicate(dedupKey, now);
  if (first !== undefined) return first;
  const key = out.key ?? messages.newKey(out.random, time);
  if (out.msgLifeTime === 0) return { time, key };
  messages.add(
    {
      sdkappid: app.sdkappid,
      from: out.from,
      to: out.to,
      seq,
      random: out.random,
      time,
      key,
      body: out.elements,
      cloudCustomData: out.cloudCustomData,
      offlinePushInfo: out.offlinePushInfo,
      syncOtherMachine: out.syncOtherMachine,
      msgLifeTime: out.msgLifeTime,
      countsUnread: out.countsUnread,
    },
    dedupKey,
    now,
  );
  return { time, key };
}
