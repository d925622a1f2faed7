import { Type } from '@sinclair/typebox';
import type { VendorCommand } from '../command.js';
import { replySchema } from '../reply.js';
import { unixSeconds } from '../../model/clock.js';
import { groupCodes, groupFields, groupOf } from './groups.js';

const Muted = Type.Object({ Member_Account: Type.String(), ShuttedUntil: Type.Integer({ description: 'unix seconds' }) });

/**
 * get_group_muted_account and its old name get_group_shutted_uin
 * (https://cloud.tencent.com/document/product/269/2925): the members muted now, each with the
 * unix second its mute ends (ShuttedUntil), in the order they joined: O(members).
 */
export const mutedList = (command: string, summary: string): VendorCommand<string, object> => ({
  service: 'group_open_http_svc',
  command,
  summary,
  codes: groupCodes(),
  defaultRateLimit: 200,
  body: Type.Object({ GroupId: Type.String() }),
  reply: replySchema({
    GroupId: Type.Optional(Type.String()),
    ShuttedUinList: Type.Optional(Type.Array(Muted, { description: 'the members muted now, in the order they joined' })),
  }),
  parse: (body) => groupFields(body).string('GroupId'),
  execute(ctx, groupId) {
    const group = groupOf(ctx, groupId);
    const now = unixSeconds(ctx.clock);
    const muted = [...group.members.values()].filter((m) => m.shutUpUntil > now);
    const list = muted.map((m) => ({ Member_Account: m.account, ShuttedUntil: m.shutUpUntil }));
    return { GroupId: groupId, ShuttedUinList: list };
  },
});
