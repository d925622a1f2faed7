import { Type } from '@sinclair/typebox';
import { defineCommand, namedAccount } from '../../command.js';
import { replySchema } from '../../reply.js';
import { assertFromAccount, snsCodes, snsFields, TagValue } from '../../rules/sns.js';
import type { Friend } from '../../../model/friends.js';

/** Friends per page (https://cloud.tencent.com/document/product/269/1647: 100 per call). */
export const FRIENDS_PAGE = 100;

/** A friend's relationship fields, as friend_get and friend_get_list answer them. */
export const snsTags = (friend: Friend): Record<string, unknown> => ({
  Tag_SNS_IM_Group: friend.groups,
  Tag_SNS_IM_Remark: friend.remark,
  Tag_SNS_IM_AddSource: friend.addSource,
  Tag_SNS_IM_AddWording: friend.addWording,
  Tag_SNS_IM_AddTime: friend.addTime,
});

/** friend_get: From_Account's friends, 100 a page from StartIndex; CompleteFlag 1 on the last page. */
export default defineCommand({
  service: 'sns',
  command: 'friend_get',
  summary: 'List an account\'s friends, 100 at a time from StartIndex',
  codes: snsCodes(),
  defaultRateLimit: 200,
  body: Type.Object({
    From_Account: Type.String(),
    StartIndex: Type.Integer({ minimum: 0 }),
    StandardSequence: Type.Optional(Type.Integer({ minimum: 0 })),
    CustomSequence: Type.Optional(Type.Integer({ minimum: 0 })),
  }),
  reply: replySchema({
    UserDataItem: Type.Optional(
      Type.Array(Type.Object({ To_Account: Type.String(), ValueItem: Type.Array(TagValue) })),
    ),
    StandardSequence: Type.Optional(Type.Integer()),
    CustomSequence: Type.Optional(Type.Integer()),
    FriendNum: Type.Optional(Type.Integer({ description: 'all of the account\'s friends' })),
    CompleteFlag: Type.Optional(Type.Integer({ description: '1: this is the last page' })),
    NextStartIndex: Type.Optional(Type.Integer({ description: 'the StartIndex of the next page' })),
  }),
  accountsOf: (body) => namedAccount(body.From_Account),
  parse(body) {
    const f = snsFields(body);
    const from = f.string('From_Account');
    const start = f.optionalInteger('StartIndex', 0, Number.MAX_SAFE_INTEGER) ?? f.fail('StartIndex is required');
    f.optionalInteger('StandardSequence', 0, Number.MAX_SAFE_INTEGER);
    f.optionalInteger('CustomSequence', 0, Number.MAX_SAFE_INTEGER);
    return { from, start };
  },
  execute(ctx, { from, start }) {
    assertFromAccount(ctx, from);
    const friends = ctx.friends.friendsOf(ctx.app.sdkappid, from);
    const page = friends.slice(start, start + FRIENDS_PAGE);
    const next = start + page.length;
    return {
      UserDataItem: page.map((friend) => ({
        To_Account: friend.account,
        ValueItem: Object.entries(snsTags(friend)).map(([Tag, Value]) => ({ Tag, Value })),
      })),
      StandardSequence: 0,
      CustomSequence: 0,
      FriendNum: friends.length,
      CompleteFlag: next >= friends.length ? 1 : 0,
      NextStartIndex: next,
    };
  },
});
