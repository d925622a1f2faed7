import { Type } from '@sinclair/typebox';
import { defineCommand, namedAccount } from '../../command.js';
import { Errors } from '../../errors.js';
import { replySchema } from '../../reply.js';
import { isNonEmptyString } from '../../rules/fields.js';
import { accountsIn } from '../../rules/item-list.js';
import { assertFromAccount, FailAccount, snsCodes, snsFields, TagValue, toAccounts } from '../../rules/sns.js';
import { snsTags } from './friend_get.js';

/** Friends in one friend_get_list call (https://cloud.tencent.com/document/product/269/8609: "不得超过100"). */
export const GET_LIST_MAX = 100;

/**
 * friend_get_list: the fields TagList names for each given friend; relationship tags
 * (Tag_SNS_IM_*) only, profile tags being the profile commands'. A non-friend answers 30001 in its item.
 */
export default defineCommand({
  service: 'sns',
  command: 'friend_get_list',
  summary: 'Read chosen relationship fields of 1 to 100 friends',
  codes: snsCodes(),
  defaultRateLimit: 200,
  body: Type.Object({
    From_Account: Type.String(),
    To_Account: Type.Array(Type.String(), { minItems: 1, maxItems: GET_LIST_MAX }),
    TagList: Type.Array(Type.String(), { minItems: 1 }),
  }),
  reply: replySchema({
    InfoItem: Type.Optional(
      Type.Array(
        Type.Object({
          To_Account: Type.String(),
          SnsProfileItem: Type.Optional(Type.Array(TagValue)),
          ResultCode: Type.Integer(),
          ResultInfo: Type.String(),
        }),
      ),
    ),
    Fail_Account: FailAccount,
  }),
  accountsOf: (body) => [...namedAccount(body.From_Account), ...accountsIn(body.To_Account, (a) => a)],
  parse(body) {
    const f = snsFields(body);
    return { from: f.string('From_Account'), to: toAccounts(f, GET_LIST_MAX), tags: f.list('TagList', isNonEmptyString, 'a tag', 100) };
  },
  execute(ctx, { from, to, tags }) {
    assertFromAccount(ctx, from);
    const items = to.map((account) => {
      const friend = ctx.friends.friend(ctx.app.sdkappid, from, account);
      const { code, info } = Errors.SnsBadRequest;
      if (friend === undefined) return { To_Account: account, ResultCode: code, ResultInfo: info };
      const values = snsTags(friend);
      const SnsProfileItem = tags.filter((tag) => tag in values).map((tag) => ({ Tag: tag, Value: values[tag] }));
      return { To_Account: account, SnsProfileItem, ResultCode: 0, ResultInfo: '' };
    });
    return { InfoItem: items, Fail_Account: items.filter((i) => i.ResultCode !== 0).map((i) => i.To_Account) };
  },
});
