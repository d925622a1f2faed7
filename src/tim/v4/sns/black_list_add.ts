import { Type } from '@sinclair/typebox';
import { defineCommand, namedAccount } from '../../command.js';
import { Errors } from '../../errors.js';
import { replySchema } from '../../reply.js';
import { accountsIn } from '../../rules/item-list.js';
import { snsChanged } from '../../rules/callback-events.js';
import {
  assertFromAccount,
  FailAccount,
  failed,
  fromAndTo,
  itemResult,
  ResultItem,
  snsCodes,
  snsFields,
  toAccounts,
} from '../../rules/sns.js';

/** Accounts in one black list call (https://cloud.tencent.com/document/product/269/3718: "不得超过1000"). */
export const BLACK_LIST_CALL_MAX = 1000;

/**
 * black_list_add: puts up to 1000 accounts on From_Account's black list, ending any friendship
 * between them both ways (269/3718). Oneself or one already there answers 30001, a
 * non-account 30003, in its item.
 */
export default defineCommand({
  service: 'sns',
  command: 'black_list_add',
  summary: 'Add 1 to 1000 accounts to a black list (their friendship ends both ways)',
  codes: snsCodes(),
  defaultRateLimit: 200,
  body: fromAndTo(BLACK_LIST_CALL_MAX),
  reply: replySchema({ ResultItem: Type.Optional(Type.Array(ResultItem)), Fail_Account: FailAccount }),
  accountsOf: (body) => [...namedAccount(body.From_Account), ...accountsIn(body.To_Account, (a) => a)],
  parse(body) {
    const f = snsFields(body);
    return { from: f.string('From_Account'), to: toAccounts(f, BLACK_LIST_CALL_MAX) };
  },
  execute(ctx, { from, to }) {
    assertFromAccount(ctx, from);
    const { app, store, friends } = ctx;
    const results = to.map((account) => {
      const already = account === from || friends.isBlocked(app.sdkappid, from, account);
      if (already) return itemResult(account, Errors.SnsBadRequest);
      if (store.get(app.sdkappid, account) === undefined) return itemResult(account, Errors.SnsAccountNotFound);
      friends.block(app.sdkappid, from, account);
      friends.removeFriend(app.sdkappid, from, account);
      friends.removeFriend(app.sdkappid, account, from);
      return itemResult(account);
    });
    snsChanged(ctx, 'Sns.CallbackBlackListAdd', from, results.filter((r) => r.ResultCode === 0).map((r) => r.To_Account));
    return { ResultItem: results, Fail_Account: failed(results) };
  },
});
