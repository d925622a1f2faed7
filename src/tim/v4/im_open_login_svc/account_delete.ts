import { Type } from '@sinclair/typebox';
import { defineCommand } from '../../command.js';
import { Errors } from '../../errors.js';
import { replySchema } from '../../reply.js';
import { accountsIn, itemListSchema, UserIdItem, userIdItems, userIdOf } from '../../rules/item-list.js';
import { openLoginSvcCodes } from '../../rules/open-login-svc.js';
import { assertDeletionEnabled } from '../../rules/plan-limits.js';
import { forgetAccountState } from '../../../model/account-cascade.js';

const ResultItem = Type.Object({
  ResultCode: Type.Integer({ description: `0: deleted; ${Errors.AccountNotExist.code}: no such account` }),
  ResultInfo: Type.String({ description: `empty when deleted; ${Errors.AccountNotExist.info} otherwise` }),
  UserID: Type.String({ description: 'the account, as sent' }),
});

const deleted = { ResultCode: 0, ResultInfo: '' };
const missing = { ResultCode: Errors.AccountNotExist.code, ResultInfo: Errors.AccountNotExist.info };

/** account_delete: deletes up to 100 accounts, standalone or hosted; each can be imported again. */
export default defineCommand({
  service: 'im_open_login_svc',
  command: 'account_delete',
  summary: 'Delete 1 to 100 accounts; each result says deleted (0) or not found (70107)',
  codes: openLoginSvcCodes([Errors.ImportBadRequest, Errors.AccountNotExist, Errors.DeletionDisabled]),
  defaultRateLimit: 100,
  body: Type.Object({ DeleteItem: itemListSchema(UserIdItem, 'the accounts to delete') }),
  reply: replySchema({
    ResultItem: Type.Optional(Type.Array(ResultItem, { description: 'on OK: one result per DeleteItem, in request order' })),
  }),
  accountsOf: (body) => accountsIn(body.DeleteItem, userIdOf),
  parse: (body) => userIdItems(body, 'DeleteItem'),
  // 71000 for the whole call when the app's deletion is off; otherwise in request order, so a
  // duplicate is deleted once and then not found.
  execute(ctx, userIds) {
    assertDeletionEnabled(ctx);
    const { app, store } = ctx;
    const result = (UserID: string) => {
      const account = store.get(app.sdkappid, UserID);
      if (account === undefined || !store.delete(app.sdkappid, UserID)) return { ...missing, UserID };
      forgetAccountState(ctx, app.sdkappid, account.identifier);
      return { ...deleted, UserID };
    };
    return { ResultItem: userIds.map(result) };
  },
});
