import { Type } from '@sinclair/typebox';
import type { JsonObject } from '../body.js';
import type { CommandContext } from '../command.js';
import { Errors, VendorError } from '../errors.js';
import { unixSeconds } from '../../model/clock.js';
import { PRIORITIES, type GroupMessage } from '../../model/group-messages.js';
import type { Group } from '../../model/groups.js';
import { parseMsgBody } from './openim.js';
import { memberOf, assertAccount } from './groups.js';

/**
 * MsgBody with the element rules of one-to-one messages (the vendor's message format page,
 * 269/2720), answered with the group commands' format code: 10004 names what is wrong.
 */
export function groupMsgBody(body: JsonObject): unknown[] {
  try {
    return parseMsgBody(body).elements;
  } catch (error) {
    throw new VendorError(Errors.GroupBadParam, (error as VendorError).message);
  }
}

/**
 * Who sends: the admin when From_Account is absent (or names the admin); else an account of the
 * app (10019) that is a member (10007; an AVChatRoom's audience is not kept, so any account may
 * speak there) and not muted (10017).
 */
export function senderOf(ctx: CommandContext, group: Group, from: string | undefined): string {
  if (from === undefined || from === ctx.app.admin) return ctx.app.admin;
  assertAccount(ctx, from);
  if (group.type === 'AVChatRoom') return from;
  const member = memberOf(group, from);
  if (member.shutUpUntil > unixSeconds(ctx.clock)) throw new VendorError(Errors.GroupSenderMuted, from);
  return from;
}

/** Throws 10007 for an AVChatRoom, which keeps no history (group_msg_get_simple, 269/2738). */
export function assertKeepsHistory(group: Group): void {
  if (group.type === 'AVChatRoom') throw new VendorError(Errors.GroupNoPermission, 'an AVChatRoom keeps no message history');
}

export const GroupMsgItem = Type.Object({
  From_Account: Type.String(),
  IsPlaceMsg: Type.Integer({ description: '0; 1 for a recalled message (WithRecalledMsg 1)' }),
  MsgBody: Type.Array(Type.Unknown()),
  MsgPriority: Type.Integer({ description: '1 High, 2 Normal, 3 Low, 4 Lowest' }),
  MsgRandom: Type.Integer(),
  MsgSeq: Type.Integer(),
  MsgTimeStamp: Type.Integer(),
  IsSystemMsg: Type.Integer(),
  CloudCustomData: Type.Optional(Type.String()),
});

/** A kept message as group_msg_get_simple answers it. */
export const groupMsgView = (m: GroupMessage) => ({
  From_Account: m.from,
  IsPlaceMsg: m.recalled ? 1 : 0,
  MsgBody: m.recalled ? [] : m.body,
  MsgPriority: PRIORITIES.indexOf(m.priority as (typeof PRIORITIES)[number]) + 1,
  MsgRandom: m.random,
  MsgSeq: m.seq,
  MsgTimeStamp: m.time,
  IsSystemMsg: 0,
  ...(m.cloudCustomData !== undefined && !m.recalled && { CloudCustomData: m.cloudCustomData }),
});
