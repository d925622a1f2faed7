import { Type } from '@sinclair/typebox';
import { defineCommand, namedAccount } from '../../command.js';
import { replySchema } from '../../reply.js';
import { CurrentSequence, GroupNameList, groupNames } from '../../rules/friend-groups.js';
import { assertFromAccount, snsCodes, snsFields } from '../../rules/sns.js';

/**
 * group_delete (https://cloud.tencent.com/document/product/269/10108): deletes friend groups of
 * From_Account; their friends stay friends and leave the groups (Tag_SNS_IM_Group). Names the
 * account does not have are passed over.
 */
export default defineCommand({
  service: 'sns',
  command: 'group_delete',
  summary: 'Delete 1 to 32 friend groups; their friends stay friends',
  codes: snsCodes(),
  defaultRateLimit: 200,
  body: Type.Object({ From_Account: Type.String(), GroupName: GroupNameList }),
  reply: replySchema({ CurrentSequence }),
  accountsOf: (body) => namedAccount(body.From_Account),
  parse(body) {
    const f = snsFields(body);
    return { from: f.string('From_Account'), names: groupNames(f) };
  },
  execute(ctx, { from, names }) {
    assertFromAccount(ctx, from);
    return { CurrentSequence: ctx.friends.deleteFriendGroups(ctx.app.sdkappid, from, names) };
  },
});
