import { Type } from '@sinclair/typebox';
import { unixSeconds } from '../../../model/clock.js';
import { defineCommand, namedAccount } from '../../command.js';
import { Errors, VendorError } from '../../errors.js';
import { replySchema } from '../../reply.js';
import { deliver } from '../../rules/deliver.js';
import { accountsIn } from '../../rules/item-list.js';
import { accountField, existing, isUint32, messageOptions, MSG_LIFETIME_MAX, openimCodes, optionalUint32, parseMsgBody } from '../../rules/openim.js';
import { SendOptions } from '../../rules/openim-schemas.js';
import { afterSendMsg, callbackControl } from '../../rules/c2c-callbacks.js';

/** The most recipients of one call (vendor: 一次最多500人; 90011 past it). */
export const MAX_RECIPIENTS = 500;

const ErrorItem = Type.Object({ To_Account: Type.String(), ErrorCode: Type.Integer({ description: `${Errors.AccountNotExist.code}: not imported` }) });

/** batchsendmsg: one message to up to 500 accounts (https://cloud.tencent.com/document/product/269/1612). */
export default defineCommand({
  service: 'openim',
  command: 'batchsendmsg',
  summary: 'Send one message to 1 to 500 accounts; those never imported are listed in ErrorList',
  codes: openimCodes([
    Errors.MsgBodyFormat,
    Errors.MsgRandom,
    Errors.MsgBodyNotArray,
    Errors.MsgFromAccount,
    Errors.MsgRequestFormat,
    Errors.MsgTooManyTargets,
    Errors.MsgLifeTimeTooLarge,
    Errors.MsgToNotArray,
    Errors.MsgToEmpty,
    Errors.MsgSyncOtherMachine,
    Errors.MsgOfflinePushInfo,
    Errors.MsgLifeTimeType,
    Errors.MsgBatchBodyTooLong,
  ]),
  defaultRateLimit: 200,
  body: Type.Object({
    From_Account: Type.Optional(Type.String({ description: 'the sender; absent: the admin' })),
    To_Account: Type.Array(Type.String(), { minItems: 1, maxItems: MAX_RECIPIENTS, description: `1 to ${MAX_RECIPIENTS} recipients` }),
    ...SendOptions,
  }),
  reply: replySchema({
    MsgKey: Type.Optional(Type.String({ description: "the message's key, the same for every recipient" })),
    ErrorList: Type.Optional(Type.Array(ErrorItem, { description: 'only when some recipient failed' })),
  }),
  accountsOf: (body) => [...namedAccount(body.From_Account), ...accountsIn(body.To_Account, (entry) => entry)],
  // The recipients' shape first (90028, 90029, 90011), then the message's fields as sendmsg checks them.
  parse(body) {
    const from = body.From_Account === undefined ? undefined : accountField(body, 'From_Account', Errors.MsgFromAccount);
    const to = body.To_Account;
    if (!Array.isArray(to)) throw new VendorError(Errors.MsgToNotArray);
    if (to.length === 0) throw new VendorError(Errors.MsgToEmpty);
    if (to.length > MAX_RECIPIENTS) throw new VendorError(Errors.MsgTooManyTargets);
    if (!to.every((id) => typeof id === 'string')) throw new VendorError(Errors.MsgRequestFormat, 'every To_Account must be a string');
    if (!isUint32(body.MsgRandom)) throw new VendorError(Errors.MsgRandom);
    const seq = optionalUint32(body.MsgSeq, Errors.MsgRequestFormat, 'MsgSeq');
    const { elements, json } = parseMsgBody(body, Errors.MsgBatchBodyTooLong);
    const options = messageOptions(body, MSG_LIFETIME_MAX);
    const control = callbackControl(body);
    return { from, recipients: to as string[], seq, random: body.MsgRandom, elements, json, options, control };
  },
  execute(ctx, input) {
    const from = input.from === undefined ? ctx.app.admin : existing(ctx, input.from, Errors.MsgFromAccount);
    const key = ctx.messages.newKey(input.random, unixSeconds(ctx.clock));
    const failed: Array<{ To_Account: string; ErrorCode: number }> = [];
    for (const name of input.recipients) {
      const account = name === ctx.app.admin ? name : ctx.store.get(ctx.app.sdkappid, name)?.identifier;
      if (account === undefined) failed.push({ To_Account: name, ErrorCode: Errors.AccountNotExist.code });
      else {
        const message = { ...input, ...input.options, from, to: account };
        afterSendMsg(ctx, message, account, deliver(ctx, { ...message, key, countsUnread: true }));
      }
    }
    return { MsgKey: key, ...(failed.length > 0 && { ErrorList: failed }) };
  },
});
