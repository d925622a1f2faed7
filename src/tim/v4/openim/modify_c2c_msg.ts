import { Type } from '@sinclair/typebox';
import { defineCommand, namedAccount } from '../../command.js';
import { Errors, VendorError } from '../../errors.js';
import { replySchema } from '../../reply.js';
import { accountField, existing, openimCodes, parseMsgBody } from '../../rules/openim.js';

/**
 * modify_c2c_msg: the admin overwrites a stored message's MsgBody, its CloudCustomData, or both
 * (https://cloud.tencent.com/document/product/269/74740). The page's codes: 20001 for a bad
 * request, 20003 for a sender or recipient never imported; a MsgKey the conversation never held
 * and a request that changes nothing are 20001 too (docs/differences.md).
 */
export default defineCommand({
  service: 'openim',
  command: 'modify_c2c_msg',
  summary: "Overwrite a one-to-one message's MsgBody and/or CloudCustomData, found by its MsgKey",
  codes: openimCodes([Errors.MsgModifyBadRequest, Errors.MsgModifyAccount]),
  defaultRateLimit: 200,
  body: Type.Object({
    From_Account: Type.String({ description: "the message's sender" }),
    To_Account: Type.String({ description: "the message's recipient" }),
    MsgKey: Type.String({ description: 'the key sendmsg or batchsendmsg answered' }),
    MsgBody: Type.Optional(Type.Array(Type.Unknown(), { description: 'the new elements, checked as sendmsg checks them' })),
    CloudCustomData: Type.Optional(Type.String()),
  }),
  reply: replySchema(),
  accountsOf: (body) => [...namedAccount(body.From_Account), ...namedAccount(body.To_Account)],
  parse(body) {
    const from = accountField(body, 'From_Account', Errors.MsgModifyBadRequest);
    const to = accountField(body, 'To_Account', Errors.MsgModifyBadRequest);
    const key = accountField(body, 'MsgKey', Errors.MsgModifyBadRequest);
    if (body.MsgBody === undefined && body.CloudCustomData === undefined) {
      throw new VendorError(Errors.MsgModifyBadRequest, 'MsgBody or CloudCustomData is required: there is nothing to modify');
    }
    if (body.CloudCustomData !== undefined && typeof body.CloudCustomData !== 'string') {
      throw new VendorError(Errors.MsgModifyBadRequest, 'CloudCustomData must be a string');
    }
    let elements: unknown[] | undefined;
    if (body.MsgBody !== undefined) {
      try {
        elements = parseMsgBody(body).elements;
      } catch (error) {
        // The element rules are sendmsg's; this page answers 20001 for any bad request.
        throw new VendorError(Errors.MsgModifyBadRequest, `MsgBody: ${(error as Error).message}`);
      }
    }
    return { from, to, key, elements, cloudCustomData: body.CloudCustomData };
  },
  execute(ctx, { from, to, key, elements, cloudCustomData }) {
    const sender = existing(ctx, from, Errors.MsgModifyAccount);
    const recipient = existing(ctx, to, Errors.MsgModifyAccount);
    const message = ctx.messages.find(ctx.app.sdkappid, sender, recipient, key);
    if (message === undefined) throw new VendorError(Errors.MsgModifyBadRequest, 'no message of this sender and recipient has that MsgKey');
    ctx.messages.modify(message, elements, cloudCustomData);
  },
});
