import { Type } from '@sinclair/typebox';
import { defineCommand, namedAccount } from '../../command.js';
import { replySchema, stringEnum } from '../../reply.js';
import { accountsIn } from '../../rules/item-list.js';
import { assertFromAccount, FailAccount, RelationItem, snsCodes, snsFields, toAccounts } from '../../rules/sns.js';

/** Accounts in one friend_check call (https://cloud.tencent.com/document/product/269/1646: "不得超过1000"). */
export const CHECK_FRIENDS_MAX = 1000;
const CHECK_TYPES = ['CheckResult_Type_Single', 'CheckResult_Type_Both'] as const;
const RELATIONS = ['CheckResult_Type_NoRelation', 'CheckResult_Type_AWithB', 'CheckResult_Type_BWithA', 'CheckResult_Type_BothWay'] as const;

/**
 * friend_check: the relation of From_Account (A) with each account (B). Single checks A's list
 * only (AWithB or NoRelation); Both checks both lists (BothWay, AWithB, BWithA, NoRelation).
 */
export default defineCommand({
  service: 'sns',
  command: 'friend_check',
  summary: 'Check the friendship of an account with 1 to 1000 others (CheckResult_Type_Single or _Both)',
  codes: snsCodes(),
  defaultRateLimit: 200,
  body: Type.Object({
    From_Account: Type.String(),
    To_Account: Type.Array(Type.String(), { minItems: 1, maxItems: CHECK_FRIENDS_MAX }),
    CheckType: stringEnum(CHECK_TYPES),
  }),
  reply: replySchema({
    InfoItem: Type.Optional(
      Type.Array(RelationItem(RELATIONS)),
    ),
    Fail_Account: FailAccount,
  }),
  accountsOf: (body) => [...namedAccount(body.From_Account), ...accountsIn(body.To_Account, (a) => a)],
  parse(body) {
    const f = snsFields(body);
    const from = f.string('From_Account');
    const to = toAccounts(f, CHECK_FRIENDS_MAX);
    const type = f.optionalOneOf('CheckType', CHECK_TYPES) ?? f.fail('CheckType is required');
    return { from, to, both: type === 'CheckResult_Type_Both' };
  },
  execute(ctx, { from, to, both }) {
    assertFromAccount(ctx, from);
    const id = ctx.app.sdkappid;
    const relation = (account: string): (typeof RELATIONS)[number] => {
      const aWithB = ctx.friends.friend(id, from, account) !== undefined;
      const bWithA = both && ctx.friends.friend(id, account, from) !== undefined;
      if (aWithB) return bWithA ? 'CheckResult_Type_BothWay' : 'CheckResult_Type_AWithB';
      return bWithA ? 'CheckResult_Type_BWithA' : 'CheckResult_Type_NoRelation';
    };
    return {
      InfoItem: to.map((account) => ({ To_Account: account, Relation: relation(account), ResultCode: 0, ResultInfo: '' })),
      Fail_Account: [],
    };
  },
});
