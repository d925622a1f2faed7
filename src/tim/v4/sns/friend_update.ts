import { Type } from '@sinclair/typebox';
import { defineCommand } from '../../command.js';
import { Errors } from '../../errors.js';
import { replySchema } from '../../reply.js';
import { hasString } from '../../rules/fields.js';
import {
  assertFromAccount,
  FailAccount,
  failed,
  fromAndItems,
  itemResult,
  ResultItem,
  snsCodes,
  snsFields,
  TagValue,
} from '../../rules/sns.js';
import { friendUpdate } from '../../rules/friend-items.js';

/** Friends in one friend_update call (https://cloud.tencent.com/document/product/269/12525: "最多100个"). */
export const UPDATE_FRIENDS_MAX = 100;

/**
 * friend_update: changes the remark and groups of up to 100 friends; one that is not a friend
 * answers 30001 in its item.
 */
export default defineCommand({
  service: 'sns',
  command: 'friend_update',
  summary: 'Change the remark (Tag_SNS_IM_Remark) and groups (Tag_SNS_IM_Group) of 1 to 100 friends',
  codes: snsCodes(),
  defaultRateLimit: 200,
  body: Type.Object({
    From_Account: Type.String(),
    UpdateItem: Type.Array(Type.Object({ To_Account: Type.String(), SnsItem: Type.Array(TagValue) }), {
      minItems: 1,
      maxItems: UPDATE_FRIENDS_MAX,
    }),
  }),
  reply: replySchema({ ResultItem: Type.Optional(Type.Array(ResultItem)), Fail_Account: FailAccount }),
  accountsOf: (body) => fromAndItems(body, body.UpdateItem),
  parse(body) {
    const f = snsFields(body);
    const from = f.string('From_Account');
    return { from, updates: f.list('UpdateItem', hasString('To_Account'), 'an object with a To_Account', UPDATE_FRIENDS_MAX).map(friendUpdate) };
  },
  execute(ctx, { from, updates }) {
    assertFromAccount(ctx, from);
    const results = updates.map((update) => {
      const friend = ctx.friends.friend(ctx.app.sdkappid, from, update.to);
      if (friend === undefined) return itemResult(update.to, Errors.SnsBadRequest);
      if (update.remark !== undefined) friend.remark = update.remark;
      if (update.groups !== undefined) friend.groups = update.groups;
      return itemResult(update.to);
    });
    return { ResultItem: results, Fail_Account: failed(results) };
  },
});
