import { Type } from '@sinclair/typebox';
import { defineCommand } from '../../command.js';
import { replySchema, stringEnum } from '../../reply.js';
import { isNonEmptyString } from '../../rules/fields.js';
import { groupCodes, groupFields, groupOf } from '../../rules/groups.js';
import { accountsIn } from '../../rules/item-list.js';

/** Accounts in one call (269/1626: "最多支持500个"). */
export const ROLE_ACCOUNTS_MAX = 500;

/** get_role_in_group: each account's role, NotMember for one outside the group. */
export default defineCommand({
  service: 'group_open_http_svc',
  command: 'get_role_in_group',
  summary: 'Read the role (Owner, Admin, Member, NotMember) of 1 to 500 accounts in a group',
  codes: groupCodes(),
  defaultRateLimit: 200,
  body: Type.Object({
    GroupId: Type.String(),
    User_Account: Type.Array(Type.String(), { minItems: 1, maxItems: ROLE_ACCOUNTS_MAX }),
  }),
  reply: replySchema({
    UserIdList: Type.Optional(Type.Array(Type.Object({ Member_Account: Type.String(), Role: stringEnum(['Owner', 'Admin', 'Member', 'NotMember']) }))),
  }),
  accountsOf: (body) => accountsIn(body.User_Account, (a) => a),
  parse(body) {
    const f = groupFields(body);
    return { groupId: f.string('GroupId'), accounts: f.list('User_Account', isNonEmptyString, 'an account', ROLE_ACCOUNTS_MAX) };
  },
  execute(ctx, { groupId, accounts }) {
    const group = groupOf(ctx, groupId);
    const role = (account: string) => group.members.get(account)?.role ?? 'NotMember';
    return { UserIdList: accounts.map((account) => ({ Member_Account: account, Role: role(account) })) };
  },
});
