import { defineCommand } from '../../command.js';
import { assertFromAccount } from '../../rules/sns.js';
import { relationCheckShape, relationItem, relationOf } from '../../rules/sns-shapes.js';

/** Accounts in one friend_check call (https://cloud.tencent.com/document/product/269/1646: "不得超过1000"). */
export const CHECK_FRIENDS_MAX = 1000;
const RELATIONS = ['CheckResult_Type_NoRelation', 'CheckResult_Type_AWithB', 'CheckResult_Type_BWithA', 'CheckResult_Type_BothWay'] as const;

/**
 * friend_check: the relation of From_Account (A) with each account (B). Single checks A's list
 * only (AWithB or NoRelation); Both checks both lists (BothWay, AWithB, BWithA, NoRelation).
 */
export default defineCommand({
  ...relationCheckShape(
    'friend_check',
    'Check the friendship of an account with 1 to 1000 others (CheckResult_Type_Single or _Both)',
    CHECK_FRIENDS_MAX,
    ['CheckResult_Type_Single', 'CheckResult_Type_Both'],
    RELATIONS,
    'InfoItem',
  ),
  execute(ctx, { from, to, both }) {
    assertFromAccount(ctx, from);
    const id = ctx.app.sdkappid;
    const isFriend = (a: string, b: string) => ctx.friends.friend(id, a, b) !== undefined;
    const relation = (b: string) => relationOf(RELATIONS, isFriend(from, b), both && isFriend(b, from));
    return { InfoItem: to.map((account) => relationItem(account, relation(account))), Fail_Account: [] };
  },
});
