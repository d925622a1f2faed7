import { Type } from '@sinclair/typebox';
import { defineCommand, type CommandContext } from '../../command.js';
import { Errors, type VendorErrorEntry } from '../../errors.js';
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
} from '../../rules/sns.js';
import { FRIENDS_MAX } from '../../../model/friends.js';
import { friendItem, groupNameList } from '../../rules/friend-items.js';

/** Friends in one friend_import call (https://cloud.tencent.com/document/product/269/8301: "最多100个"). */
export const IMPORT_FRIENDS_MAX = 100;

function refusal({ app, store, friends }: CommandContext, from: string, to: string): VendorErrorEntry | undefined {
  if (to === from) return Errors.SnsBadRequest;
  if (store.get(app.sdkappid, to) === undefined) return Errors.SnsAccountNotFound;
  if (friends.friend(app.sdkappid, from, to) !== undefined) return Errors.SnsBadRequest;
  if (friends.friendCount(app.sdkappid, from) >= FRIENDS_MAX) return Errors.FriendLimitSelf;
  return undefined;
}

/**
 * friend_import: puts up to 100 friends on From_Account's list, one way, without asking the
 * peers (AddTime and the other fields as given), for moving an existing relationship chain in.
 */
export default defineCommand({
  service: 'sns',
  command: 'friend_import',
  summary: 'Import 1 to 100 friends one way, without the peers\' approval',
  codes: snsCodes([Errors.FriendLimitSelf]),
  defaultRateLimit: 200,
  body: Type.Object({
    From_Account: Type.String(),
    AddFriendItem: Type.Array(
      Type.Object({
        To_Account: Type.String(),
        AddSource: Type.String(),
        Remark: Type.Optional(Type.String()),
        GroupName: Type.Optional(Type.Array(Type.String())),
        AddWording: Type.Optional(Type.String()),
        AddTime: Type.Optional(Type.Integer({ minimum: 0 })),
      }),
      { minItems: 1, maxItems: IMPORT_FRIENDS_MAX },
    ),
  }),
  reply: replySchema({ ResultItem: Type.Optional(Type.Array(ResultItem)), Fail_Account: FailAccount }),
  accountsOf: (body) => fromAndItems(body, body.AddFriendItem),
  parse(body) {
    const f = snsFields(body);
    const from = f.string('From_Account');
    const items = f.list('AddFriendItem', hasString('To_Account'), 'an object with a To_Account', IMPORT_FRIENDS_MAX);
    return {
      from,
      items: items.map((entry) => ({
        ...friendItem(entry, groupNameList),
        addTime: snsFields(entry).optionalInteger('AddTime', 0, 4_294_967_295),
      })),
    };
  },
  execute(ctx, { from, items }) {
    assertFromAccount(ctx, from);
    const results = items.map((item) => {
      const refused = refusal(ctx, from, item.to);
      if (refused === undefined) ctx.friends.addFriend(ctx.app.sdkappid, from, item.to, item);
      return itemResult(item.to, refused);
    });
    return { ResultItem: results, Fail_Account: failed(results) };
  },
});
