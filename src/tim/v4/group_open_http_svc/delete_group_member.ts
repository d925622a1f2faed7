import { Type } from '@sinclair/typebox';
import { defineCommand } from '../../command.js';
import { Errors, VendorError } from '../../errors.js';
import { replySchema } from '../../reply.js';
import { isNonEmptyString } from '../../rules/fields.js';
import { assertNotAvChatRoom, groupCodes, groupFields, groupOf } from '../../rules/groups.js';
import { accountsIn } from '../../rules/item-list.js';
import { membersExited } from '../../rules/callback-events.js';

/** Members removed in one call (269/1622: "最多支持100个"). */
export const DELETE_MEMBERS_MAX = 100;

/**
 * delete_group_member: removes up to 100 members; accounts that are not members are skipped.
 * The owner cannot be removed (10004: change the owner first); an AVChatRoom refuses (10007).
 */
export default defineCommand({
  service: 'group_open_http_svc',
  command: 'delete_group_member',
  summary: 'Remove 1 to 100 members from a group',
  codes: groupCodes(),
  defaultRateLimit: 200,
  body: Type.Object({
    GroupId: Type.String(),
    Silence: Type.Optional(Type.Integer({ minimum: 0, maximum: 1 })),
    Reason: Type.Optional(Type.String()),
    MemberToDel_Account: Type.Array(Type.String(), { minItems: 1, maxItems: DELETE_MEMBERS_MAX }),
  }),
  reply: replySchema(),
  accountsOf: (body) => accountsIn(body.MemberToDel_Account, (a) => a),
  parse(body) {
    const f = groupFields(body);
    const groupId = f.string('GroupId');
    f.optionalInteger('Silence', 0, 1);
    f.optionalString('Reason');
    return { groupId, accounts: f.list('MemberToDel_Account', isNonEmptyString, 'an account', DELETE_MEMBERS_MAX) };
  },
  execute(ctx, { groupId, accounts }) {
    const group = groupOf(ctx, groupId);
    assertNotAvChatRoom(group);
    if (group.owner !== undefined && accounts.includes(group.owner)) {
      throw new VendorError(Errors.GroupBadParam, 'the owner cannot be removed: change the owner first');
    }
    let removed = 0;
    const gone = accounts.filter((a) => group.members.has(a));
    for (const account of accounts) if (ctx.groups.removeMember(ctx.app.sdkappid, group, account)) removed++;
    if (removed > 0) ctx.groups.touch(group);
    membersExited(ctx, group, new Set(gone));
  },
});
