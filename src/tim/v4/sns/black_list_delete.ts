import { Type } from '@sinclair/typebox';
import { defineCommand, namedAccount } from '../../command.js';
import { Errors } from '../../errors.js';
import { replySchema } from '../../reply.js';
import { accountsIn } from '../../rules/item-list.js';
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
import { BLACK_LIST_CALL_MAX } from './black_list_add.js';

/** black_list_delete (https://cloud.tencent.com/document/product/269/3719): one not on the list answers 30001 in its item. */
export default defineCommand({
  service: 'sns',
  command: 'black_list_delete',
  summary: 'Remove 1 to 1000 accounts from a black list',
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
    const results = to.map((account) =>
      itemResult(account, ctx.friends.unblock(ctx.app.sdkappid, from, account) ? undefined : Errors.SnsBadRequest),
    );
    return { ResultItem: results, Fail_Account: failed(results) };
  },
});
