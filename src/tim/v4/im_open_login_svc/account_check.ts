import { Type } from '@sinclair/typebox';
import { defineCommand } from '../../command.js';
import { Errors } from '../../errors.js';
import { replySchema, stringEnum } from '../../reply.js';
import { accountsIn, itemListSchema, UserIdItem, userIdItems, userIdOf } from '../../rules/item-list.js';
import { openLoginSvcCodes } from '../../rules/open-login-svc.js';

const ResultItem = Type.Object({
  UserID: Type.String({ description: 'the account, as sent' }),
  ResultCode: Type.Integer({ description: '0: checked' }),
  ResultInfo: Type.String({ description: 'empty when ResultCode is 0' }),
  AccountStatus: stringEnum(['Imported', 'NotImported'], {
    description: 'Imported: the account exists (standalone, or hosted by register_account_v1 in any letter case for string accounts)',
  }),
});

/** account_check: tells for up to 100 accounts whether each is imported. */
export default defineCommand({
  service: 'im_open_login_svc',
  command: 'account_check',
  summary: 'Check whether 1 to 100 accounts are imported',
  codes: openLoginSvcCodes([Errors.ImportBadRequest]),
  defaultRateLimit: 100,
  body: Type.Object({ CheckItem: itemListSchema(UserIdItem, 'the accounts to check') }),
  reply: replySchema({
    ResultItem: Type.Optional(Type.Array(ResultItem, { description: 'on OK: one result per CheckItem, in request order' })),
  }),
  accountsOf: (body) => accountsIn(body.CheckItem, userIdOf),
  parse: (body) => userIdItems(body, 'CheckItem'),
  execute: ({ app, store }, userIds) => ({
    ResultItem: userIds.map((UserID) => ({
      UserID,
      ResultCode: 0,
      ResultInfo: '',
      AccountStatus: store.get(app.sdkappid, UserID) === undefined ? ('NotImported' as const) : ('Imported' as const),
    })),
  }),
});
