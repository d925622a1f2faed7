import { Type } from '@sinclair/typebox';
import { defineCommand, namedAccount } from '../../command.js';
import { Errors, VendorError } from '../../errors.js';
import { replySchema } from '../../reply.js';
import { openLoginSvcCodes } from '../../rules/open-login-svc.js';
import { standaloneIdentifier } from '../../rules/standalone.js';
import { stateChange } from '../../rules/callback-events.js';

/**
 * kick: ends an account's logins on every platform, so query_online_status answers Offline
 * (https://cloud.tencent.com/document/product/269/3853). `Identifier` is accepted for `UserID`,
 * as older SDKs send it.
 */
export default defineCommand({
  service: 'im_open_login_svc',
  command: 'kick',
  summary: "End an imported account's logins on every platform",
  codes: openLoginSvcCodes([Errors.ImportBadRequest, Errors.AccountNotExist]),
  defaultRateLimit: 100,
  body: Type.Object({
    UserID: Type.String({ description: 'the account (`Identifier` is accepted too)' }),
  }),
  reply: replySchema(),
  accountsOf: (body) => namedAccount(standaloneIdentifier(body)),
  parse(body) {
    const id = standaloneIdentifier(body);
    if (typeof id !== 'string' || id === '') throw new VendorError(Errors.ImportBadRequest, 'UserID must be a non-empty string');
    return id;
  },
  execute(ctx, name) {
    const { app, store, online } = ctx;
    const account = store.get(app.sdkappid, name);
    if (account === undefined) throw new VendorError(Errors.AccountNotExist);
    // A logged-in account's connections end: State.StateChange, Logout (nothing to end for an offline one).
    if (online.platforms(app.sdkappid, account.identifier).length > 0) stateChange(ctx, account.identifier, 'Logout');
    online.logout(app.sdkappid, account.identifier);
  },
});
