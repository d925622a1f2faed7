import { Type } from '@sinclair/typebox';
import { defineCommand, namedAccount } from '../../command.js';
import { replySchema } from '../../reply.js';
import { assertFromAccount, DELETE_TYPES, DeleteTypeSchema, snsCodes, snsFields } from '../../rules/sns.js';

/**
 * friend_delete_all (https://cloud.tencent.com/document/product/269/1645): empties From_Account's
 * list; with Delete_Type_Both it also leaves every friend's list.
 */
export default defineCommand({
  service: 'sns',
  command: 'friend_delete_all',
  summary: 'Delete every friend of an account, one way or both',
  codes: snsCodes(),
  defaultRateLimit: 200,
  body: Type.Object({ From_Account: Type.String(), DeleteType: Type.Optional(DeleteTypeSchema) }),
  reply: replySchema(),
  accountsOf: (body) => namedAccount(body.From_Account),
  parse(body) {
    const f = snsFields(body);
    return { from: f.string('From_Account'), both: f.optionalOneOf('DeleteType', DELETE_TYPES) === 'Delete_Type_Both' };
  },
  execute(ctx, { from, both }) {
    assertFromAccount(ctx, from);
    const id = ctx.app.sdkappid;
    for (const friend of ctx.friends.friendsOf(id, from)) {
      ctx.friends.removeFriend(id, from, friend.account);
      if (both) ctx.friends.removeFriend(id, friend.account, from);
    }
  },
});
