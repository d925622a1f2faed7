import { Type } from '@sinclair/typebox';
import { defineCommand, namedAccount } from '../../command.js';
import { Errors, VendorError } from '../../errors.js';
import { replySchema } from '../../reply.js';
import { deliver } from '../../rules/deliver.js';
import { accountField, existing, isUint32, openimCodes, optionalUint32, parseMsgBody } from '../../rules/openim.js';
import { MsgBodySchema, uint32 } from '../../rules/openim-schemas.js';

/**
 * importmsg: imports one message with its own time (https://cloud.tencent.com/document/product/269/2568).
 * SyncFromOldSystem 1 imports it as real time (it counts as unread), 2 as history (it does not).
 */
export default defineCommand({
  service: 'openim',
  command: 'importmsg',
  summary: 'Import a one-to-one message with its own time; SyncFromOldSystem 1 counts it as unread, 2 does not',
  codes: openimCodes([
    Errors.MsgBodyFormat,
    Errors.MsgToAccount,
    Errors.MsgRandom,
    Errors.MsgTimeStamp,
    Errors.MsgBodyNotArray,
    Errors.MsgFromAccount,
    Errors.MsgRequestFormat,
    Errors.MsgToNotRegistered,
    Errors.MsgSyncFromOldSystem,
    Errors.MsgBodyTooLong,
  ]),
  defaultRateLimit: 200,
  body: Type.Object({
    SyncFromOldSystem: Type.Integer({ minimum: 1, maximum: 2, description: '1: real time (counts as unread), 2: history' }),
    From_Account: Type.String(),
    To_Account: Type.String(),
    MsgSeq: Type.Optional(uint32('part of the dedup key')),
    MsgRandom: uint32('part of the dedup key'),
    MsgTimeStamp: uint32("the message's time, unix seconds"),
    MsgBody: MsgBodySchema,
    CloudCustomData: Type.Optional(Type.String()),
  }),
  reply: replySchema(),
  accountsOf: (body) => [...namedAccount(body.From_Account), ...namedAccount(body.To_Account)],
  parse(body) {
    const mode = body.SyncFromOldSystem;
    if (mode !== 1 && mode !== 2) throw new VendorError(Errors.MsgSyncFromOldSystem);
    const from = accountField(body, 'From_Account', Errors.MsgFromAccount);
    const to = accountField(body, 'To_Account', Errors.MsgToAccount);
    const seq = optionalUint32(body.MsgSeq, Errors.MsgRequestFormat, 'MsgSeq');
    if (!isUint32(body.MsgRandom)) throw new VendorError(Errors.MsgRandom);
    if (!isUint32(body.MsgTimeStamp)) throw new VendorError(Errors.MsgTimeStamp);
    const { elements, json } = parseMsgBody(body);
    const custom = body.CloudCustomData;
    if (custom !== undefined && typeof custom !== 'string') throw new VendorError(Errors.MsgRequestFormat, 'CloudCustomData must be a string');
    const time = body.MsgTimeStamp;
    const countsUnread = mode === 1;
    return { from, to, seq, random: body.MsgRandom, time, elements, json, cloudCustomData: custom, countsUnread };
  },
  execute(ctx, input) {
    const from = existing(ctx, input.from, Errors.MsgFromAccount);
    const to = existing(ctx, input.to, Errors.MsgToNotRegistered);
    deliver(ctx, { ...input, from, to });
  },
});
