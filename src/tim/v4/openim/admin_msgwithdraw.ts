import { Type } from '@sinclair/typebox';
import { defineCommand, namedAccount } from '../../command.js';
import { Errors, VendorError } from '../../errors.js';
import { replySchema } from '../../reply.js';
import { accountField, openimCodes } from '../../rules/openim.js';

/**
 * admin_msgwithdraw: withdraws a message by its MsgKey (https://cloud.tencent.com/document/product/269/38980).
 * The message stays in the conversation, flagged withdrawn (MsgFlagBits 8), and no longer counts as unread.
 */
export default defineCommand({
  service: 'openim',
  command: 'admin_msgwithdraw',
  summary: 'Withdraw a one-to-one message by the MsgKey sendmsg or batchsendmsg answered',
  codes: openimCodes([Errors.MsgToAccount, Errors.MsgFromAccount, Errors.MsgRequestFormat, Errors.MsgKeyInvalid]),
  defaultRateLimit: 200,
  body: Type.Object({
    From_Account: Type.String({ description: "the message's sender" }),
    To_Account: Type.String({ description: "the message's recipient" }),
    MsgKey: Type.String({ description: 'the key sendmsg or batchsendmsg answered' }),
  }),
  reply: replySchema(),
  accountsOf: (body) => [...namedAccount(body.From_Account), ...namedAccount(body.To_Account)],
  parse(body) {
    const from = accountField(body, 'From_Account', Errors.MsgFromAccount);
    const to = accountField(body, 'To_Account', Errors.MsgToAccount);
    const key = accountField(body, 'MsgKey', Errors.MsgKeyInvalid);
    return { from, to, key };
  },
  execute({ app, store, messages }, { from, to, key }) {
    const stored = (name: string) => (name === app.admin ? name : (store.get(app.sdkappid, name)?.identifier ?? name));
    const message = messages.find(app.sdkappid, stored(from), stored(to), key);
    if (message === undefined) throw new VendorError(Errors.MsgKeyInvalid, 'no message of this sender and recipient has that MsgKey');
    messages.withdraw(message);
  },
});
