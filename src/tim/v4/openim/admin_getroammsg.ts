import { Type } from '@sinclair/typebox';
import type { Message } from '../../../model/messages.js';
import { defineCommand, namedAccount } from '../../command.js';
import { Errors, VendorError } from '../../errors.js';
import { replySchema } from '../../reply.js';
import { accountField, existing, isUint32, openimCodes } from '../../rules/openim.js';
import { MsgListItem, uint32 } from '../../rules/openim-schemas.js';

/** A stored message as MsgList shows it: a withdrawn one keeps its place, flagged 8, without its body. */
export const msgListItem = (m: Message) => ({
  From_Account: m.from,
  To_Account: m.to,
  MsgSeq: m.seq,
  MsgRandom: m.random,
  MsgTimeStamp: m.time,
  MsgFlagBits: m.withdrawn ? 8 : 0,
  MsgKey: m.key,
  MsgBody: m.withdrawn ? [] : m.body,
  ...(m.cloudCustomData !== undefined && { CloudCustomData: m.cloudCustomData }),
});

/** Newest first: by time, then MsgSeq (the vendor's order within a second), then storing order. */
function newestFirst(messages: Message[]): Message[] {
  return messages
    .map((m, i) => ({ m, i }))
    .sort((a, b) => b.m.time - a.m.time || b.m.seq - a.m.seq || b.i - a.i)
    .map(({ m }) => m);
}

/**
 * admin_getroammsg: a conversation's messages in a time range, newest first, MaxCnt at a time;
 * the next page takes MaxTime = LastMsgTime and LastMsgKey (https://cloud.tencent.com/document/product/269/42794).
 */
export default defineCommand({
  service: 'openim',
  command: 'admin_getroammsg',
  summary: "Read a conversation's messages in a time range, newest first, paged by LastMsgKey",
  codes: openimCodes([
    Errors.MsgToAccount,
    Errors.MsgFromAccount,
    Errors.MsgRequestFormat,
    Errors.MsgToNotRegistered,
    Errors.MsgKeyInvalid,
  ]),
  defaultRateLimit: 200,
  body: Type.Object({
    From_Account: Type.String({ description: 'one side of the conversation' }),
    To_Account: Type.String({ description: 'the other side' }),
    MaxCnt: Type.Integer({ minimum: 1, description: 'the most messages to answer' }),
    MinTime: uint32('the range, unix seconds, inclusive'),
    MaxTime: uint32('the range, unix seconds, inclusive; not before MinTime'),
    LastMsgKey: Type.Optional(Type.String({ description: "the previous page's LastMsgKey: this page starts after it" })),
  }),
  reply: replySchema({
    Complete: Type.Optional(Type.Integer({ description: '1: nothing more in the range; 0: call again' })),
    MsgCnt: Type.Optional(Type.Integer()),
    LastMsgTime: Type.Optional(Type.Integer({ description: "the last message's time (0 when none)" })),
    LastMsgKey: Type.Optional(Type.String({ description: "the last message's key ('' when none)" })),
    MsgList: Type.Optional(Type.Array(MsgListItem)),
  }),
  accountsOf: (body) => [...namedAccount(body.From_Account), ...namedAccount(body.To_Account)],
  parse(body) {
    const from = accountField(body, 'From_Account', Errors.MsgFromAccount);
    const to = accountField(body, 'To_Account', Errors.MsgToAccount);
    const { MaxCnt: max, MinTime: min, MaxTime: maxTime, LastMsgKey: last } = body;
    if (!Number.isSafeInteger(max) || (max as number) < 1) throw new VendorError(Errors.MsgRequestFormat, 'MaxCnt must be a whole number from 1');
    if (!isUint32(min) || !isUint32(maxTime)) throw new VendorError(Errors.MsgRequestFormat, 'MinTime and MaxTime must be unix seconds');
    if (min > maxTime) throw new VendorError(Errors.MsgRequestFormat, 'MinTime is after MaxTime');
    if (last !== undefined && typeof last !== 'string') throw new VendorError(Errors.MsgRequestFormat, 'LastMsgKey must be a string');
    return { from, to, max: max as number, min, maxTime, last };
  },
  execute(ctx, { from, to, max, min, maxTime, last }) {
    const a = existing(ctx, from, Errors.MsgFromAccount);
    const b = existing(ctx, to, Errors.MsgToNotRegistered);
    const all = newestFirst(ctx.messages.conversation(ctx.app.sdkappid, a, b));
    let start = 0;
    if (last !== undefined && last !== '') {
      const at = all.findIndex((m) => m.key === last);
      if (at < 0) throw new VendorError(Errors.MsgKeyInvalid, 'LastMsgKey names no message of this conversation');
      start = at + 1;
    }
    const inRange = all.slice(start).filter((m) => m.time >= min && m.time <= maxTime);
    const page = inRange.slice(0, max);
    const lastOne = page.at(-1);
    return {
      Complete: inRange.length > page.length ? 0 : 1,
      MsgCnt: page.length,
      LastMsgTime: lastOne?.time ?? 0,
      LastMsgKey: lastOne?.key ?? '',
      MsgList: page.map(msgListItem),
    };
  },
});
