import { Type } from '@sinclair/typebox';
import { defineCommand } from '../../command.js';
import { Errors, VendorError } from '../../errors.js';
import { replySchema } from '../../reply.js';
import { isNonEmptyString } from '../../rules/fields.js';
import { groupCodes, groupFields, groupOf } from '../../rules/groups.js';
import { accountsIn } from '../../rules/item-list.js';

/** Recipients one notification names (269/1630: ToMembers_Account "最多支持500个"). */
export const NOTIFY_MEMBERS_MAX = 500;

/**
 * send_group_system_notification (https://cloud.tencent.com/document/product/269/1630): a
 * notification to every member, or to the members ToMembers_Account names. An AVChatRoom only
 * takes notifications to everyone (10007 when members are named). Notifications are not group
 * messages: they take no MsgSeq and no history keeps them.
 */
export default defineCommand({
  service: 'group_open_http_svc',
  command: 'send_group_system_notification',
  summary: 'Send a system notification to every member of a group, or to up to 500 of them',
  codes: groupCodes(),
  defaultRateLimit: 200,
  body: Type.Object({
    GroupId: Type.String(),
    ToMembers_Account: Type.Optional(Type.Array(Type.String(), { maxItems: NOTIFY_MEMBERS_MAX, description: 'absent or empty: every member' })),
    Content: Type.String(),
  }),
  reply: replySchema(),
  accountsOf: (body) => accountsIn(body.ToMembers_Account, (a) => a),
  parse(body) {
    const f = groupFields(body);
    const groupId = f.string('GroupId');
    const to = f.optionalList('ToMembers_Account', isNonEmptyString, 'an account', NOTIFY_MEMBERS_MAX) ?? [];
    f.string('Content');
    return { groupId, to };
  },
  execute(ctx, { groupId, to }) {
    const group = groupOf(ctx, groupId);
    if (group.type === 'AVChatRoom' && to.length > 0) {
      throw new VendorError(Errors.GroupNoPermission, 'an AVChatRoom takes notifications to every member only');
    }
  },
});
