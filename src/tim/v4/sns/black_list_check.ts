import { Type } from '@sinclair/typebox';
import { defineCommand, namedAccount } from '../../command.js';
import { replySchema, stringEnum } from '../../reply.js';
import { accountsIn } from '../../rules/item-list.js';
import { assertFromAccount, FailAccount, RelationItem, snsCodes, snsFields, toAccounts } from '../../rules/sns.js';
import { BLACK_LIST_CALL_MAX } from './black_list_add.js';

const CHECK_TYPES = ['BlackCheckResult_Type_Single', 'BlackCheckResult_Type_Both'] as const;
const RELATIONS = ['BlackCheckResult_Type_NO', 'BlackCheckResult_Type_AWithB', 'BlackCheckResult_Type_BWithA', 'BlackCheckResult_Type_BothWay'] as const;

/**
 * black_list_check (https://cloud.tencent.com/document/product/269/3725): whether From_Account (A)
 * blocks each account (B); with the Both type, also whether B blocks A.
 */
export default defineCommand({
  service: 'sns',
  command: 'black_list_check',
  summary: 'Check the black lists between an account and 1 to 1000 others',
  codes: snsCodes(),
  defaultRateLimit: 200,
  body: Type.Object({
    From_Account: Type.String(),
    To_Account: Type.Array(Type.String(), { minItems: 1, maxItems: BLACK_LIST_CALL_MAX }),
    CheckType: stringEnum(CHECK_TYPES),
  }),
  reply: replySchema({
    BlackListCheckItem: Type.Optional(
      Type.Array(RelationItem(RELATIONS)),
    ),
    Fail_Account: FailAccount,
  }),
  accountsOf: (body) => [...namedAccount(body.From_Account), ...accountsIn(body.To_Account, (a) => a)],
  parse(body) {
    const f = snsFields(body);
    const from = f.string('From_Account');
    const to = toAccounts(f, BLACK_LIST_CALL_MAX);
    const type = f.optionalOneOf('CheckType', CHECK_TYPES) ?? f.fail('CheckType is required');
    return { from, to, both: type === 'BlackCheckResult_Type_Both' };
  },
  execute(ctx, { from, to, both }) {
    assertFromAccount(ctx, from);
    const id = ctx.app.sdkappid;
    const relation = (account: string): (typeof RELATIONS)[number] => {
      const aWithB = ctx.friends.isBlocked(id, from, account);
      const bWithA = both && ctx.friends.isBlocked(id, account, from);
      if (aWithB) return bWithA ? 'BlackCheckResult_Type_BothWay' : 'BlackCheckResult_Type_AWithB';
      return bWithA ? 'BlackCheckResult_Type_BWithA' : 'BlackCheckResult_Type_NO';
    };
    return {
      BlackListCheckItem: to.map((account) => ({ To_Account: account, Relation: relation(account), ResultCode: 0, ResultInfo: '' })),
      Fail_Account: [],
    };
  },
});
