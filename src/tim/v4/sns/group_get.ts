import { Type } from '@sinclair/typebox';
import { defineCommand, namedAccount } from '../../command.js';
import { replySchema } from '../../reply.js';
import { CurrentSequence, GroupNameList, groupNames } from '../../rules/friend-groups.js';
import { assertFromAccount, snsCodes, snsFields } from '../../rules/sns.js';

const GroupItem = Type.Object({
  GroupName: Type.String(),
  FriendNumber: Type.Integer(),
  To_Account: Type.Optional(Type.Array(Type.String(), { description: 'with NeedFriend Need_Friend_Type_Yes' })),
});

/**
 * group_get (https://cloud.tencent.com/document/product/269/54763): From_Account's friend groups
 * (or those GroupName names that it has), each with its number of friends, and with
 * NeedFriend Need_Friend_Type_Yes the friends themselves: O(its friends).
 */
export default defineCommand({
  service: 'sns',
  command: 'group_get',
  summary: "Read an account's friend groups, their friend counts and optionally their friends",
  codes: snsCodes(),
  defaultRateLimit: 200,
  body: Type.Object({
    From_Account: Type.String(),
    NeedFriend: Type.Optional(Type.Literal('Need_Friend_Type_Yes')),
    GroupName: Type.Optional(GroupNameList),
  }),
  reply: replySchema({ ResultItem: Type.Optional(Type.Array(GroupItem)), CurrentSequence }),
  accountsOf: (body) => namedAccount(body.From_Account),
  parse(body) {
    const f = snsFields(body);
    const from = f.string('From_Account');
    const needFriend = f.optionalOneOf('NeedFriend', ['Need_Friend_Type_Yes'] as const) !== undefined;
    return { from, needFriend, names: groupNames(f, true) };
  },
  execute(ctx, { from, needFriend, names }) {
    assertFromAccount(ctx, from);
    const id = ctx.app.sdkappid;
    const members = new Map(ctx.friends.friendGroupsOf(id, from).map((name) => [name, [] as string[]]));
    for (const friend of ctx.friends.friendsOf(id, from)) {
      for (const name of friend.groups) members.get(name)?.push(friend.account);
    }
    const wanted = names.length === 0 ? [...members.keys()] : names.filter((name) => members.has(name));
    const items = wanted.map((name) => {
      const accounts = members.get(name) as string[];
      return { GroupName: name, FriendNumber: accounts.length, ...(needFriend && { To_Account: accounts }) };
    });
    return { ResultItem: items, CurrentSequence: ctx.friends.groupSequence(id, from) };
  },
});
