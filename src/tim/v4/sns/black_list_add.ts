import { defineCommand } from '../../command.js';
import { Errors } from '../../errors.js';
import { assertFromAccount, failed, itemResult } from '../../rules/sns.js';
import { accountListShape } from '../../rules/sns-shapes.js';
import { snsChanged } from '../../rules/callback-events.js';

/** Accounts in one black list call (https://cloud.tencent.com/document/product/269/3718: "不得超过1000"). */
export const BLACK_LIST_CALL_MAX = 1000;

/**
 * black_list_add: puts up to 1000 accounts on From_Account's black list, ending any friendship
 * between them both ways (269/3718). Oneself or one already there answers 30001, a
 * non-account 30003, in its item.
 */
export default defineCommand({
  ...accountListShape('black_list_add', 'Add 1 to 1000 accounts to a black list (their friendship ends both ways)', BLACK_LIST_CALL_MAX),
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
