import { Type } from '@sinclair/typebox';
import { defineCommand, namedAccount } from '../../command.js';
import { Errors } from '../../errors.js';
import { replySchema } from '../../reply.js';
import { accountsIn } from '../../rules/item-list.js';
import { snsChanged } from '../../rules/callback-events.js';
import {
  assertFromAccount,
  DELETE_TYPES,
  DeleteTypeSchema,
  FailAccount,
  failed,
  itemResult,
  ResultItem,
  snsCodes,
  snsFields,
  toAccounts,
} from '../../rules/sns.js';

/** Friends in one friend_delete call (https://cloud.tencent.com/document/product/269/1644: "不得超过1000"). */
export const DELETE_FRIENDS_MAX = 1000;

/**
 * friend_delete: Delete_Type_Single (the default) takes each account off From_Account's list;
 * Delete_Type_Both off both lists. One on neither list answers 31704 in its item.
 */
export default defineCommand({
  service: 'sns',
  command: 'friend_delete',
  summary: 'Delete 1 to 1000 friends, one way (Delete_Type_Single) or both (Delete_Type_Both)',
  codes: snsCodes([Errors.FriendNotFound]),
  defaultRateLimit: 200,
  body: Type.Object({
    From_Account: Type.String(),
    To_Account: Type.Array(Type.String(), { minItems: 1, maxItems: DELETE_FRIENDS_MAX }),
    DeleteType: Type.Optional(DeleteTypeSchema),
  }),
  reply: replySchema({ ResultItem: Type.Optional(Type.Array(ResultItem)), Fail_Account: FailAccount }),
  accountsOf: (body) => [...namedAccount(body.From_Account), ...accountsIn(body.To_Account, (a) => a)],
  parse(body) {
    const f = snsFields(body);
    return {
      from: f.string('From_Account'),
      to: toAccounts(f, DELETE_FRIENDS_MAX),
      both: f.optionalOneOf('DeleteType', DELETE_TYPES) === 'Delete_Type_Both',
    };
  },
  execute(ctx, { from, to, both }) {
    assertFromAccount(ctx, from);
    const id = ctx.app.sdkappid;
    const results = to.map((account) => {
      const mine = ctx.friends.removeFriend(id, from, account);
      const theirs = both && ctx.friends.removeFriend(id, account, from);
      return itemResult(account, mine || theirs ? undefined : Errors.FriendNotFound);
    });
    snsChanged(ctx, 'Sns.CallbackFriendDelete', from, results.filter((r) => r.ResultCode === 0).map((r) => r.To_Account));
    return { ResultItem: results, Fail_Account: failed(results) };
  },
});
