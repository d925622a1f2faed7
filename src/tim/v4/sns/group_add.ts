import { Type } from '@sinclair/typebox';
import { defineCommand, namedAccount } from '../../command.js';
import { Errors, VendorError } from '../../errors.js';
import { replySchema } from '../../reply.js';
import { accountsIn } from '../../rules/item-list.js';
import { CurrentSequence, GroupNameList, groupNames } from '../../rules/friend-groups.js';
import { assertFromAccount, FailAccount, failed, itemResult, ResultItem, snsCodes, snsFields } from '../../rules/sns.js';
import { FRIEND_GROUPS_MAX } from '../../../model/friends.js';
import { isNonEmptyString } from '../../rules/fields.js';

/** Friends one call puts in the new groups (269/10107: "单次请求的好友数不得超过1000"). */
export const GROUP_ADD_FRIENDS_MAX = 1000;

/**
 * group_add (https://cloud.tencent.com/document/product/269/10107): new friend groups for
 * From_Account, at most 32 in all (30001 past it), and optionally friends to put in them: per
 * friend ResultCode 0, or 32216 for an account that is not a friend. friend_get shows the
 * groups in each friend's Tag_SNS_IM_Group.
 */
export default defineCommand({
  service: 'sns',
  command: 'group_add',
  summary: 'Add 1 to 32 friend groups, and optionally put up to 1000 friends in them',
  codes: snsCodes([Errors.FriendGroupNotFriend]),
  defaultRateLimit: 200,
  body: Type.Object({
    From_Account: Type.String(),
    GroupName: GroupNameList,
    To_Account: Type.Optional(Type.Array(Type.String(), { maxItems: GROUP_ADD_FRIENDS_MAX })),
  }),
  reply: replySchema({ ResultItem: Type.Optional(Type.Array(ResultItem)), Fail_Account: FailAccount, CurrentSequence }),
  accountsOf: (body) => [...namedAccount(body.From_Account), ...accountsIn(body.To_Account, (a) => a)],
  parse(body) {
    const f = snsFields(body);
    const from = f.string('From_Account');
    const names = groupNames(f);
    const to = f.optionalList('To_Account', isNonEmptyString, 'an account', GROUP_ADD_FRIENDS_MAX);
    return { from, names, to };
  },
  execute(ctx, { from, names, to }) {
    assertFromAccount(ctx, from);
    const id = ctx.app.sdkappid;
    const all = new Set([...ctx.friends.friendGroupsOf(id, from), ...names]);
    if (all.size > FRIEND_GROUPS_MAX) throw new VendorError(Errors.SnsBadRequest, `an account has at most ${FRIEND_GROUPS_MAX} friend groups`);
    const sequence = ctx.friends.addFriendGroups(id, from, names);
    if (to === undefined) return { CurrentSequence: sequence };
    const results = to.map((account) => {
      if (ctx.friends.friend(id, from, account) === undefined) return itemResult(account, Errors.FriendGroupNotFriend);
      ctx.friends.groupFriend(id, from, account, names);
      return itemResult(account);
    });
    return { ResultItem: results, Fail_Account: failed(results), CurrentSequence: sequence };
  },
});
