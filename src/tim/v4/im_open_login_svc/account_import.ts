import { Type } from '@sinclair/typebox';
import { ProfileTypeSchema } from '../../../model/accounts/account-schema.js';
import { assertReimportAllowed } from '../../rules/cooldown.js';
import { assertRoomForAnother } from '../../rules/plan-limits.js';
import { PROFILE_VALUE_MAX_BYTES, STANDALONE_IDENTIFIER_MAX_BYTES } from '../../../model/accounts/identifier-rules.js';
import { parseStandalone, standaloneIdentifier } from '../../rules/standalone.js';
import { defineCommand, namedAccount } from '../../command.js';
import { Errors } from '../../errors.js';
import { replySchema } from '../../reply.js';
import { openLoginSvcCodes } from '../../rules/open-login-svc.js';

const account = { description: `the account, 1 to ${STANDALONE_IDENTIFIER_MAX_BYTES} UTF-8 bytes` };
const profile = (what: string) => Type.Optional(Type.String({ description: `${what}, at most ${PROFILE_VALUE_MAX_BYTES} bytes` }));

const Body = Type.Object({
  Identifier: Type.Optional(Type.String({ ...account, description: `${account.description} (the seed's name)` })),
  UserID: Type.Optional(Type.String({ ...account, description: `${account.description} (the newer docs' name)` })),
  Nick: profile('nickname'),
  FaceUrl: profile('avatar URL'),
  Type: Type.Optional(ProfileTypeSchema()),
});

/** account_import: imports one standalone account, or updates it (seed: account_import.md). */
export default defineCommand({
  service: 'im_open_login_svc',
  command: 'account_import',
  summary: 'Import a standalone account (Identifier or UserID, Nick, FaceUrl, Type)',
  codes: openLoginSvcCodes([
    Errors.ImportBadRequest,
    Errors.ImportTimeout,
    Errors.ProfileInternal,
    Errors.ProfileValueTooLong,
    Errors.ServerTimeout,
    Errors.AccountLimit,
    Errors.ReimportTooSoon,
  ]),
  body: Body,
  reply: replySchema(),
  accountsOf: (body) => namedAccount(standaloneIdentifier(body)),
  parse: (body) => parseStandalone(body),
  // The cooldown (70399), then the cap (70398), which only creating an account meets.
  execute(ctx, input) {
    const { app, store } = ctx;
    assertReimportAllowed(ctx, input.identifier);
    if (store.get(app.sdkappid, input.identifier) === undefined) assertRoomForAnother(ctx);
    store.import(app.sdkappid, input.identifier, input);
  },
});
