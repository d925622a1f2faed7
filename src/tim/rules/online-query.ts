import { Type } from '@sinclair/typebox';
import { PLATFORMS } from '../../model/online.js';
import type { JsonObject } from '../body.js';
import type { CommandContext, VendorCommand } from '../command.js';
import { Errors, VendorError } from '../errors.js';
import { replySchema, stringEnum } from '../reply.js';
import { accountsIn } from './item-list.js';
import { openimCodes } from './openim.js';

/** The most accounts one query names (vendor: 一次最多查询500个). */
export const MAX_QUERIED = 500;

const QueryResult = Type.Object({
  To_Account: Type.String(),
  Status: stringEnum(['Online', 'PushOnline', 'Offline'], { description: 'Online when any platform is, else PushOnline when any is, else Offline' }),
  Detail: Type.Optional(
    Type.Array(Type.Object({ Platform: stringEnum([...PLATFORMS]), Status: stringEnum(['Online', 'PushOnline']) }), {
      description: 'with IsNeedDetail 1: the logged-in platforms',
    }),
  ),
});

export interface Query {
  accounts: string[];
  detail: boolean;
}

/**
 * query_online_status and its legacy name querystate: every account is Offline until the control
 * plane or the in-process API logs it in on a platform (https://cloud.tencent.com/document/product/269/2566).
 */
export const onlineQuery = (command: string, summary: string): VendorCommand<Query, object> => ({
  service: 'openim',
  command,
  summary,
  codes: openimCodes([Errors.MsgRequestFormat, Errors.MsgTooManyAccounts, Errors.MsgToNotArray, Errors.MsgToEmpty]),
  defaultRateLimit: 200,
  body: Type.Object({
    To_Account: Type.Array(Type.String(), { minItems: 1, maxItems: MAX_QUERIED, description: `1 to ${MAX_QUERIED} accounts` }),
    IsNeedDetail: Type.Optional(Type.Integer({ minimum: 0, maximum: 1, description: '1: answer each account\'s platforms' })),
  }),
  reply: replySchema({
    QueryResult: Type.Optional(Type.Array(QueryResult, { description: 'one per imported account, in request order' })),
    ErrorList: Type.Optional(
      Type.Array(Type.Object({ To_Account: Type.String(), ErrorCode: Type.Integer() }), {
        description: `accounts never imported (${Errors.AccountNotExist.code}); empty when none`,
      }),
    ),
  }),
  accountsOf: (body: JsonObject) => accountsIn(body.To_Account, (entry) => entry),
  parse(body: JsonObject): Query {
    const to = body.To_Account;
    if (!Array.isArray(to)) throw new VendorError(Errors.MsgToNotArray);
    if (to.length === 0) throw new VendorError(Errors.MsgToEmpty);
    if (to.length > MAX_QUERIED) throw new VendorError(Errors.MsgTooManyAccounts, `at most ${MAX_QUERIED} accounts`);
    if (!to.every((id) => typeof id === 'string')) throw new VendorError(Errors.MsgRequestFormat, 'every To_Account must be a string');
    const detail = body.IsNeedDetail;
    if (detail !== undefined && detail !== 0 && detail !== 1) throw new VendorError(Errors.MsgRequestFormat, 'IsNeedDetail must be 0 or 1');
    return { accounts: to as string[], detail: detail === 1 };
  },
  execute({ app, store, online }: CommandContext, { accounts, detail }: Query) {
    const results: Array<Record<string, unknown>> = [];
    const errors: Array<{ To_Account: string; ErrorCode: number }> = [];
    for (const name of accounts) {
      const account = store.get(app.sdkappid, name);
      if (account === undefined) {
        errors.push({ To_Account: name, ErrorCode: Errors.AccountNotExist.code });
        continue;
      }
      const status = online.status(app.sdkappid, account.identifier);
      const platforms = online.platforms(app.sdkappid, account.identifier);
      results.push({
        To_Account: name,
        Status: status,
        ...(detail && { Detail: platforms.map(([Platform, Status]) => ({ Platform, Status })) }),
      });
    }
    return { QueryResult: results, ErrorList: errors };
  },
});
