import { defineCommand } from '../../command.js';
import { Errors } from '../../errors.js';
import { assertFromAccount, failed, itemResult } from '../../rules/sns.js';
import { accountListShape } from '../../rules/sns-shapes.js';
import { BLACK_LIST_CALL_MAX } from './black_list_add.js';

/** black_list_delete (https://cloud.tencent.com/document/product/269/3719): one not on the list answers 30001 in its item. */
export default defineCommand({
  ...accountListShape('black_list_delete', 'Remove 1 to 1000 accounts from a black list', BLACK_LIST_CALL_MAX),
  execute(ctx, { from, to }) {
    assertFromAccount(ctx, from);
    const results = to.map((account) =>
      itemResult(account, ctx.friends.unblock(ctx.app.sdkappid, from, account) ? undefined : Errors.SnsBadRequest),
    );
    return { ResultItem: results, Fail_Account: failed(results) };
  },
});
