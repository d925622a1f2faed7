import { unixSeconds } from '../../model/clock.js';
import type { JsonObject } from '../body.js';
import type { CommandContext } from '../command.js';
import { Errors, VendorError } from '../errors.js';

/**
 * https://cloud.tencent.com/document/product/269/1632 (before; English: 1047/34364) and
 * https://cloud.tencent.com/document/product/269/2716 (after; English: 1047/34365).
 */
export const BEFORE_SEND = 'C2C.CallbackBeforeSendMsg';
export const AFTER_SEND = 'C2C.CallbackAfterSendMsg';

/** sendmsg's ForbidCallbackControl: which of the call's callbacks are silenced. */
export interface CallbackControl {
  forbidBefore: boolean;
  forbidAfter: boolean;
  /** The backend answered ErrorCode 2: the sender is told OK, nothing is delivered (269/1632). */
  silenced?: boolean;
}

/** Reads ForbidCallbackControl (an array of names; others are ignored, as the vendor ignores them). */
export function callbackControl(body: JsonObject): CallbackControl {
  const names = Array.isArray(body.ForbidCallbackControl) ? body.ForbidCallbackControl : [];
  return { forbidBefore: names.includes('ForbidBeforeSendMsgCallback'), forbidAfter: names.includes('ForbidAfterSendMsgCallback') };
}

/** The fields of a one-to-one message the C2C callbacks carry. */
export interface C2CMessage {
  from: string | undefined;
  to: string;
  seq: number | undefined;
  random: number;
  elements: unknown[];
  json: string;
  cloudCustomData?: string | undefined;
  msgLifeTime?: number | undefined;
  control: CallbackControl;
}

/** The documented payload of the C2C callbacks (269/1632), before MsgKey is known. */
export function c2cPayload(ctx: CommandContext, m: C2CMessage): JsonObject {
  return {
    From_Account: m.from ?? ctx.app.admin,
    To_Account: m.to,
    ...(m.seq !== undefined && { MsgSeq: m.seq }),
    MsgRandom: m.random,
    MsgTime: unixSeconds(ctx.clock),
    OnlineOnlyFlag: m.msgLifeTime === 0 ? 1 : 0,
    MsgBody: m.elements,
    ...(m.cloudCustomData !== undefined && { CloudCustomData: m.cloudCustomData }),
  };
}

/**
 * C2C.CallbackBeforeSendMsg when the app has it on and the call does not forbid it: undefined
 * otherwise. The backend's ErrorCode 1 refuses (20006), 2 silences (OK to the sender, nothing
 * delivered); a MsgBody array or CloudCustomData string in its answer replaces the message's.
 * No answer, a late one or one that is not JSON lets the message go (269/1522).
 */
export function beforeSendMsg<M extends C2CMessage>(ctx: CommandContext, m: M): Promise<M> | undefined {
  if (m.control.forbidBefore || !ctx.callbacks.on(BEFORE_SEND)) return undefined;
  return ctx.callbacks.before(BEFORE_SEND, c2cPayload(ctx, m)).then((answer) => {
    if (answer === undefined) return m;
    if (answer.ErrorCode === 1) throw new VendorError(Errors.MsgRefusedByCallback);
    if (answer.ErrorCode === 2) return { ...m, control: { ...m.control, silenced: true } };
    const { MsgBody } = answer;
    const body = Array.isArray(MsgBody) ? { elements: MsgBody, json: JSON.stringify(MsgBody) } : {};
    const custom = typeof answer.CloudCustomData === 'string' ? { cloudCustomData: answer.CloudCustomData } : {};
    return { ...m, ...body, ...custom };
  });
}

/** C2C.CallbackAfterSendMsg, queued, with the stored message's key and the recipient's unread count. */
export function afterSendMsg(ctx: CommandContext, m: C2CMessage, to: string, sent: { time: number; key: string }) {
  // Asked first: the payload's unread total is not worth counting for an app without the callback.
  if (m.control.forbidAfter || m.control.silenced === true || !ctx.callbacks.on(AFTER_SEND)) return;
  ctx.callbacks.after(AFTER_SEND, {
    ...c2cPayload(ctx, { ...m, to }),
    MsgTime: sent.time,
    MsgKey: sent.key,
    SendMsgResult: 0,
    ErrorInfo: '',
    UnreadMsgNum: ctx.messages.unreadTotal(ctx.app.sdkappid, to),
  });
}
