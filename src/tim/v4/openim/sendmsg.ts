import { Type } from '@sinclair/typebox';
import { defineCommand, namedAccount } from '../../command.js';
import { Errors, VendorError } from '../../errors.js';
import { replySchema } from '../../reply.js';
import { deliver, type Outgoing } from '../../rules/deliver.js';
import { accountField, existing, isUint32, messageOptions, openimCodes, optionalUint32, parseMsgBody } from '../../rules/openim.js';
import { SendOptions } from '../../rules/openim-schemas.js';
import { afterSendMsg, beforeSendMsg, callbackControl, type CallbackControl } from '../../rules/c2c-callbacks.js';
import { unixSeconds } from '../../../model/clock.js';

/**
 * sendmsg: the admin, or an account it names, sends one account a message
 * (https://cloud.tencent.com/document/product/269/2282).
 */
export default defineCommand({
  service: 'openim',
  command: 'sendmsg',
  summary: 'Send one imported account a message, from the admin or from another imported account',
  codes: openimCodes([
    Errors.MsgBodyFormat,
    Errors.MsgToAccount,
    Errors.MsgRandom,
    Errors.MsgTimeStamp,
    Errors.MsgBodyNotArray,
    Errors.MsgFromAccount,
    Errors.MsgRequestFormat,
    Errors.MsgToNotRegistered,
    Errors.MsgSyncOtherMachine,
    Errors.MsgOfflinePushInfo,
    Errors.MsgLifeTimeType,
    Errors.MsgBodyTooLong,
    Errors.MsgRefusedByCallback,
  ]),
  defaultRateLimit: 200,
  body: Type.Object({
    From_Account: Type.Optional(Type.String({ description: 'the sender; absent: the admin' })),
    To_Account: Type.String({ description: 'the recipient, an imported account' }),
    MsgTimeStamp: Type.Optional(Type.Integer({ minimum: 0, description: 'accepted and ignored: the message takes the time it is sent' })),
    ...SendOptions,
  }),
  reply: replySchema({
    MsgTime: Type.Optional(Type.Integer({ description: 'unix seconds' })),
    MsgKey: Type.Optional(Type.String({ description: 'names the message for admin_msgwithdraw' })),
  }),
  accountsOf: (body) => [...namedAccount(body.From_Account), ...namedAccount(body.To_Account)],
  parse(body): Omit<Outgoing, 'countsUnread' | 'from'> & { from: string | undefined; control: CallbackControl } {
    const from = body.From_Account === undefined ? undefined : accountField(body, 'From_Account', Errors.MsgFromAccount);
    const to = accountField(body, 'To_Account', Errors.MsgToAccount);
    if (!isUint32(body.MsgRandom)) throw new VendorError(Errors.MsgRandom);
    const seq = optionalUint32(body.MsgSeq, Errors.MsgRequestFormat, 'MsgSeq');
    if (body.MsgTimeStamp !== undefined && !isUint32(body.MsgTimeStamp)) throw new VendorError(Errors.MsgTimeStamp);
    const { elements, json } = parseMsgBody(body);
    const control = callbackControl(body);
    return { from, to, seq, random: body.MsgRandom, elements, json, ...messageOptions(body), control };
  },
  before: beforeSendMsg,
  execute(ctx, input) {
    const from = input.from === undefined ? ctx.app.admin : existing(ctx, input.from, Errors.MsgFromAccount);
    const to = existing(ctx, input.to, Errors.MsgToNotRegistered);
    if (input.control.silenced === true) {
      // The backend's ErrorCode 2: the sender is told OK and nothing is delivered (https://cloud.tencent.com/document/product/269/1632).
      const time = unixSeconds(ctx.clock);
      return { MsgTime: time, MsgKey: ctx.messages.newKey(input.random, time) };
    }
    const { time, key } = deliver(ctx, { ...input, from, to, countsUnread: true });
    afterSendMsg(ctx, input, to, { time, key });
    return { MsgTime: time, MsgKey: key };
  },
});
