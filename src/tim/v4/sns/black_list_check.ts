import { defineCommand } from '../../command.js';
import { assertFromAccount } from '../../rules/sns.js';
import { relationCheckShape, relationItem, relationOf } from '../../rules/sns-shapes.js';
import { BLACK_LIST_CALL_MAX } from './black_list_add.js';

const RELATIONS = ['BlackCheckResult_Type_NO', 'BlackCheckResult_Type_AWithB', 'BlackCheckResult_Type_BWithA', 'BlackCheckResult_Type_BothWay'] as const;

/**
 * black_list_check (https://cloud.tencent.com/document/product/269/3725): whether From_Account (A)
 * blocks each account (B); with the Both type, also whether B blocks A.
 */
export default defineCommand({
  ...relationCheckShape(
    'black_list_check',
    'Check the black lists between an account and 1 to 1000 others',
    BLACK_LIST_CALL_MAX,
    ['BlackCheckResult_Type_Single', 'BlackCheckResult_Type_Both'],
    RELATIONS,
    'BlackListCheckItem',
  ),
  execute(ctx, { from, to, both }) {
    assertFromAccount(ctx, from);
    const id = ctx.app.sdkappid;
    const relation = (account: string) =>
      relationOf(RELATIONS, ctx.friends.isBlocked(id, from, account), both && ctx.friends.isBlocked(id, account, from));
    return { BlackListCheckItem: to.map((account) => relationItem(account, relation(account))), Fail_Account: [] };
  },
});
