import { Type } from '@sinclair/typebox';
import { defineCommand, namedAccount } from '../../command.js';
import { Errors, VendorError } from '../../errors.js';
import { replySchema } from '../../reply.js';
import { accountsIn } from '../../rules/item-list.js';
import { accountField, existing, openimCodes } from '../../rules/openim.js';

/** The most peers one call names (vendor: 该数组最大大小为10). */
export const MAX_PEERS = 10;

/**
 * get_c2c_unread_msg_num: an account's unread one-to-one messages, in total and per peer asked
 * for (https://cloud.tencent.com/document/product/269/56043).
 */
export default defineCommand({
  service: 'openim',
  command: 'get_c2c_unread_msg_num',
  summary: "An account's unread one-to-one messages: the total, and per Peer_Account (at most 10)",
  codes: openimCodes([
    Errors.MsgToAccount,
    Errors.MsgRequestFormat,
    Errors.MsgToNotRegistered,
    Errors.MsgTooManyAccounts,
  ]),
  defaultRateLimit: 200,
  body: Type.Object({
    To_Account: Type.String({ description: 'the reader' }),
    Peer_Account: Type.Optional(Type.Array(Type.String(), { maxItems: MAX_PEERS, description: `the peers, at most ${MAX_PEERS}` })),
  }),
  reply: replySchema({
    AllC2CUnreadMsgNum: Type.Optional(Type.Integer()),
    C2CUnreadMsgNumList: Type.Optional(
      Type.Array(Type.Object({ Peer_Account: Type.String(), C2CUnreadMsgNum: Type.Integer() }), { description: 'with Peer_Account: one per imported peer' }),
    ),
    ErrorList: Type.Optional(
      Type.Array(Type.Object({ Peer_Account: Type.String(), ErrorCode: Type.Integer() }), { description: `peers never imported (${Errors.AccountNotExist.code})` }),
    ),
  }),
  accountsOf: (body) => [...namedAccount(body.To_Account), ...accountsIn(body.Peer_Account, (entry) => entry)],
  parse(body) {
    const reader = accountField(body, 'To_Account', Errors.MsgToAccount);
    const peers = body.Peer_Account;
    if (peers !== undefined && !(Array.isArray(peers) && peers.every((p) => typeof p === 'string'))) {
      throw new VendorError(Errors.MsgRequestFormat, 'Peer_Account must be an array of strings');
    }
    if (peers !== undefined && peers.length > MAX_PEERS) throw new VendorError(Errors.MsgTooManyAccounts, `at most ${MAX_PEERS} Peer_Account`);
    return { reader, peers: peers as string[] | undefined };
  },
  execute(ctx, { reader, peers }) {
    const { app, store, messages } = ctx;
    const me = existing(ctx, reader, Errors.MsgToNotRegistered);
    const total = messages.unreadTotal(app.sdkappid, me);
    if (peers === undefined) return { AllC2CUnreadMsgNum: total };
    const list: Array<{ Peer_Account: string; C2CUnreadMsgNum: number }> = [];
    const errors: Array<{ Peer_Account: string; ErrorCode: number }> = [];
    for (const name of peers) {
      const peer = name === app.admin ? name : store.get(app.sdkappid, name)?.identifier;
      if (peer === undefined) errors.push({ Peer_Account: name, ErrorCode: Errors.AccountNotExist.code });
      else list.push({ Peer_Account: name, C2CUnreadMsgNum: messages.unread(app.sdkappid, me, peer) });
    }
    return { AllC2CUnreadMsgNum: total, C2CUnreadMsgNumList: list, ...(errors.length > 0 && { ErrorList: errors }) };
  },
});
