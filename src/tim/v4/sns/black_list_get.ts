import { Type } from '@sinclair/typebox';
import { defineCommand, namedAccount } from '../../command.js';
import { replySchema } from '../../reply.js';
import { assertFromAccount, snsCodes, snsFields } from '../../rules/sns.js';

/** The most entries one page holds (https://cloud.tencent.com/document/product/269/3722: MaxLimited). */
export const BLACK_LIST_PAGE_MAX = 1000;

/**
 * black_list_get: the black list in the order it was filled, MaxLimited from StartIndex; the
 * reply's StartIndex is 0 when there is no more.
 */
export default defineCommand({
  service: 'sns',
  command: 'black_list_get',
  summary: 'List a black list, MaxLimited at a time from StartIndex',
  codes: snsCodes(),
  defaultRateLimit: 200,
  body: Type.Object({
    From_Account: Type.String(),
    StartIndex: Type.Integer({ minimum: 0 }),
    MaxLimited: Type.Integer({ minimum: 1, maximum: BLACK_LIST_PAGE_MAX }),
    LastSequence: Type.Integer({ minimum: 0 }),
  }),
  reply: replySchema({
    BlackListItem: Type.Optional(
      Type.Array(Type.Object({ To_Account: Type.String(), AddBlackTimeStamp: Type.Integer() })),
    ),
    StartIndex: Type.Optional(Type.Integer({ description: 'where the next page starts; 0: no more' })),
    CurruentSequence: Type.Optional(Type.Integer({ description: 'the vendor\'s spelling' })),
  }),
  accountsOf: (body) => namedAccount(body.From_Account),
  parse(body) {
    const f = snsFields(body);
    return {
      from: f.string('From_Account'),
      start: f.optionalInteger('StartIndex', 0, Number.MAX_SAFE_INTEGER) ?? f.fail('StartIndex is required'),
      limit: f.optionalInteger('MaxLimited', 1, BLACK_LIST_PAGE_MAX) ?? f.fail('MaxLimited is required'),
      last: f.optionalInteger('LastSequence', 0, Number.MAX_SAFE_INTEGER) ?? f.fail('LastSequence is required'),
    };
  },
  execute(ctx, { from, start, limit }) {
    assertFromAccount(ctx, from);
    const list = ctx.friends.blockedBy(ctx.app.sdkappid, from);
    const page = list.slice(start, start + limit);
    const next = start + page.length;
    return {
      BlackListItem: page.map((b) => ({ To_Account: b.account, AddBlackTimeStamp: b.addTime })),
      StartIndex: next < list.length ? next : 0,
      CurruentSequence: list.length,
    };
  },
});
