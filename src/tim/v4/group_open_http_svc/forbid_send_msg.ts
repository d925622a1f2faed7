import { Type } from '@sinclair/typebox';
import { defineCommand } from '../../command.js';
import { Errors, VendorError } from '../../errors.js';
import { replySchema } from '../../reply.js';
import { isNonEmptyString } from '../../rules/fields.js';
import { groupCodes, groupFields, groupOf, muteEnd, MUTE_SECONDS_MAX } from '../../rules/groups.js';
import { accountsIn } from '../../rules/item-list.js';
import { unixSeconds } from '../../../model/clock.js';

/** Members one call mutes (269/1627: "最多支持500个"). */
export const FORBID_MEMBERS_MAX = 500;

/**
 * forbid_send_msg (https://cloud.tencent.com/document/product/269/1627): mutes members for
 * MuteTime seconds (ShutUpTime, its old name, too); 0 unmutes. Work/Private groups cannot mute
 * (10007). Accounts that are not members are passed over: a muted member cannot send_group_msg
 * (10017) until the mute ends, and get_group_member_info shows ShutUpUntil.
 */
export default defineCommand({
  service: 'group_open_http_svc',
  command: 'forbid_send_msg',
  summary: 'Mute 1 to 500 members for MuteTime seconds (0 unmutes)',
  codes: groupCodes(),
  defaultRateLimit: 200,
  body: Type.Object({
    GroupId: Type.String(),
    Members_Account: Type.Array(Type.String(), { minItems: 1, maxItems: FORBID_MEMBERS_MAX }),
    MuteTime: Type.Optional(Type.Integer({ minimum: 0, maximum: MUTE_SECONDS_MAX, description: 'seconds; 0 unmutes' })),
    ShutUpTime: Type.Optional(Type.Integer({ minimum: 0, maximum: MUTE_SECONDS_MAX, description: 'the old name of MuteTime' })),
  }),
  reply: replySchema(),
  accountsOf: (body) => accountsIn(body.Members_Account, (a) => a),
  parse(body) {
    const f = groupFields(body);
    const groupId = f.string('GroupId');
    const accounts = f.list('Members_Account', isNonEmptyString, 'an account', FORBID_MEMBERS_MAX);
    const seconds = f.optionalInteger('MuteTime', 0, MUTE_SECONDS_MAX) ?? f.optionalInteger('ShutUpTime', 0, MUTE_SECONDS_MAX);
    return { groupId, accounts, seconds: seconds ?? f.fail('MuteTime is required') };
  },
  execute(ctx, { groupId, accounts, seconds }) {
    const group = groupOf(ctx, groupId);
    if (group.type === 'Private' || group.type === 'Work') throw new VendorError(Errors.GroupNoPermission, 'Work groups cannot mute members');
    const until = muteEnd(seconds, unixSeconds(ctx.clock));
    for (const account of accounts) {
      const member = group.members.get(account);
      if (member !== undefined) member.shutUpUntil = until;
    }
  },
});
