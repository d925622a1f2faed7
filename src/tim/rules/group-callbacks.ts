import { unixSeconds } from '../../model/clock.js';
import type { Group } from '../../model/groups.js';
import type { JsonObject } from '../body.js';
import type { CommandContext } from '../command.js';
import { Errors, VendorError } from '../errors.js';
import type { CallbackControl } from './c2c-callbacks.js';
import { senderOf } from './group-messages.js';
import { groupOf } from './groups.js';

/**
 * Group.CallbackBeforeSendMsg (https://cloud.tencent.com/document/product/269/1619, English:
 * https://www.tencentcloud.com/document/product/1047/34374) and Group.CallbackAfterSendMsg
 * (https://cloud.tencent.com/document/product/269/2661, English: 1047/34375).
 */
export const GROUP_BEFORE_SEND = 'Group.CallbackBeforeSendMsg';
export const GROUP_AFTER_SEND = 'Group.CallbackAfterSendMsg';

/** A group message on its way: send_group_msg's fields, or a played client's. */
export interface GroupSend {
  groupId: string;
  random: number;
  /** The sender; undefined: the admin. */
  from: string | undefined;
  priority: string;
  body: unknown[];
  cloudCustomData: string | undefined;
  onlineOnly: boolean;
  control: CallbackControl;
}

/** The fields both group message callbacks carry (269/1619), before MsgSeq and MsgTime are known. */
function groupPayload(ctx: CommandContext, group: Group, sender: string, m: GroupSend): JsonObject {
  return {
    GroupId: group.groupId,
    Type: group.type,
    From_Account: sender,
    Operator_Account: ctx.caller,
    Random: m.random,
    // The page: an AVChatRoom ignores the flag and reports 0.
    OnlineOnlyFlag: m.onlineOnly && group.type !== 'AVChatRoom' ? 1 : 0,
    MsgBody: m.body,
    ...(m.cloudCustomData !== undefined && { CloudCustomData: m.cloudCustomData }),
  };
}

/**
 * Group.CallbackBeforeSendMsg when the app has it on and the call does not forbid it: undefined
 * otherwise, and for a repeat of a message already sent (it is not sent again). The group and
 * sender are checked first (10010, 10019, 10007, 10017), as no callback is made for a message the
 * vendor refuses itself. The backend's ErrorCode 1 refuses (10016), 2 silences (OK to the sender,
 * nothing kept); a MsgBody array or CloudCustomData string replaces the message's. No answer, a
 * late one or one that is not JSON lets the message go (269/1522).
 */
export function beforeGroupSend(ctx: CommandContext, m: GroupSend): Promise<GroupSend> | undefined {
  if (m.control.forbidBefore || !ctx.callbacks.on(GROUP_BEFORE_SEND)) return undefined;
  const group = groupOf(ctx, m.groupId);
  const sender = senderOf(ctx, group, m.from);
  if (ctx.groups.history.duplicate(group, sender, m.random, unixSeconds(ctx.clock)) !== undefined) return undefined;
  return ctx.callbacks.before(GROUP_BEFORE_SEND, groupPayload(ctx, group, sender, m)).then((answer) => {
    if (answer === undefined) return m;
    if (answer.ErrorCode === 1) throw new VendorError(Errors.GroupRefusedByCallback);
    if (answer.ErrorCode === 2) return { ...m, control: { ...m.control, silenced: true } };
    const body = Array.isArray(answer.MsgBody) ? { body: answer.MsgBody } : {};
    const custom = typeof answer.CloudCustomData === 'string' ? { cloudCustomData: answer.CloudCustomData } : {};
    return { ...m, ...body, ...custom };
  });
}

/**
 * Sends the message as send_group_msg does (https://cloud.tencent.com/document/product/269/1629):
 * the group's next MsgSeq, a repeat within five minutes answered with the first one's, an
 * AVChatRoom or online-only message not kept; then Group.CallbackAfterSendMsg with the seq and time.
 * A message the backend silenced is answered with the seq it would have had, and nothing moves.
 */
export function sendGroupMessage(ctx: CommandContext, m: GroupSend): { MsgTime: number; MsgSeq: number } {
  const group = groupOf(ctx, m.groupId);
  const sender = senderOf(ctx, group, m.from);
  const now = unixSeconds(ctx.clock);
  if (m.control.silenced === true) return { MsgTime: now, MsgSeq: group.nextMsgSeq };
  const history = ctx.groups.history;
  const repeat = history.duplicate(group, sender, m.random, now);
  if (repeat !== undefined) return { MsgTime: repeat.time, MsgSeq: repeat.seq };
  const { body, priority, cloudCustomData, random } = m;
  const keep = group.type !== 'AVChatRoom' && !m.onlineOnly;
  const sent = history.append(group, { random, time: now, from: sender, body, priority, cloudCustomData }, keep);
  if (!m.control.forbidAfter) {
    const payload = { ...groupPayload(ctx, group, sender, m), MsgSeq: sent.seq, MsgTime: sent.time };
    ctx.callbacks.after(GROUP_AFTER_SEND, payload);
  }
  return { MsgTime: sent.time, MsgSeq: sent.seq };
}
