import { Type } from '@sinclair/typebox';
import { unixSeconds } from '../../../model/clock.js';
import { defineCommand, namedAccount } from '../../command.js';
import { Errors, VendorError } from '../../errors.js';
import { replySchema } from '../../reply.js';
import { accountField, existing, isUint32, openimCodes } from '../../rules/openim.js';

/** MsgReadTime as sent: unix seconds, as a number or as decimal digits (the vendor's page types it a string). */
function readTime(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'string' && /^[0-9]{1,10}$/.test(value) ? Number(value) : value;
  if (!isUint32(n)) throw new VendorError(Errors.MsgRequestFormat, 'MsgReadTime must be unix seconds');
  return n;
}

/**
 * admin_set_msg_read: marks what Peer_Account sent Report_Account up to MsgReadTime (default:
 * now) as read (https://cloud.tencent.com/document/product/269/50349).
 */
export default defineCommand({
  service: 'openim',
  command: 'admin_set_msg_read',
  summary: 'Mark a conversation read for one side, up to MsgReadTime (default now)',
  codes: openimCodes([Errors.MsgRequestFormat, Errors.MsgAccountNotExist]),
  defaultRateLimit: 200,
  body: Type.Object({
    Report_Account: Type.String({ description: 'the reader' }),
    Peer_Account: Type.String({ description: 'the other side of the conversation' }),
    MsgReadTime: Type.Optional(Type.String({ description: 'unix seconds (a number is accepted too); absent: now' })),
  }),
  reply: replySchema(),
  accountsOf: (body) => [...namedAccount(body.Report_Account), ...namedAccount(body.Peer_Account)],
  parse(body) {
    const reader = accountField(body, 'Report_Account', Errors.MsgRequestFormat);
    const peer = accountField(body, 'Peer_Account', Errors.MsgRequestFormat);
    return { reader, peer, time: readTime(body.MsgReadTime) };
  },
  execute(ctx, { reader, peer, time }) {
    const a = existing(ctx, reader, Errors.MsgAccountNotExist);
    const b = existing(ctx, peer, Errors.MsgAccountNotExist);
    ctx.messages.setRead(ctx.app.sdkappid, a, b, time ?? unixSeconds(ctx.clock));
  },
});
