import { Type } from '@sinclair/typebox';
import { IdentifierTypeSchema } from '../../../model/accounts/account-schema.js';
import { hashPassword } from '../../../model/accounts/password.js';
import { HOSTED_IDENTIFIER, PASSWORD, charLength, isIdentifierType, matchesType } from '../../../model/accounts/identifier-rules.js';
import type { IdentifierType } from '../../../model/accounts/account.js';
import { defineCommand, namedAccount } from '../../command.js';
import { assertRoomForAnother } from '../../rules/plan-limits.js';
import { Errors, VendorError } from '../../errors.js';
import { replySchema } from '../../reply.js';

const Body = Type.Object({
  Identifier: Type.String({ minLength: HOSTED_IDENTIFIER.min, maxLength: HOSTED_IDENTIFIER.max, description: '4-24 characters' }),
  IdentifierType: IdentifierTypeSchema({
    description: '1: phone (countrycode-number), 2: email, 3: string account (a-z 0-9 . _, not all digits, case-insensitive)',
  }),
  Password: Type.String({ minLength: PASSWORD.min, maxLength: PASSWORD.max, description: '8-16 characters' }),
});

const within = (s: string, { min, max }: { min: number; max: number }): boolean => {
  const n = charLength(s);
  return n >= min && n <= max;
};

/** register_account_v1: imports one hosted-mode account (seed: register_account_v1.md). */
export default defineCommand({
  service: 'registration_service',
  command: 'register_account_v1',
  summary: 'Import a hosted-mode account (Identifier, IdentifierType, Password)',
  codes: {
    badRequest: Errors.RegisterBadRequest,
    invalidSdkAppId: Errors.RegisterInvalidSdkAppId,
    notAdmin: Errors.RegisterNotAdmin,
    own: [
      Errors.RegisterAccountExists,
      Errors.RegisterRetryLater,
      Errors.RegisterBadRequest,
      Errors.RegisterIdentifierLength,
      Errors.RegisterIdentifierType,
      Errors.AccountLimit,
    ],
  },
  body: Body,
  reply: replySchema(),
  accountsOf: (body) => namedAccount(body.Identifier),

  // Order: field presence and JSON types (70418), Identifier length (70419), IdentifierType's
  // value (70418), Password length (70418), Identifier against its type (70421).
  parse(body) {
    const { Identifier, IdentifierType, Password } = body;
    if (typeof Identifier !== 'string' || typeof Password !== 'string' || typeof IdentifierType !== 'number') {
      throw new VendorError(Errors.RegisterBadRequest, 'Identifier, IdentifierType and Password are required');
    }
    if (!within(Identifier, HOSTED_IDENTIFIER)) throw new VendorError(Errors.RegisterIdentifierLength);
    if (!isIdentifierType(IdentifierType)) throw new VendorError(Errors.RegisterBadRequest, 'IdentifierType must be 1, 2 or 3');
    if (!within(Password, PASSWORD)) throw new VendorError(Errors.RegisterBadRequest, 'Password must be 8 to 16 characters');
    if (!matchesType(Identifier, IdentifierType)) throw new VendorError(Errors.RegisterIdentifierType);
    return { identifier: Identifier, identifierType: IdentifierType as IdentifierType, password: Password };
  },

  // An existing account is 70402 before the plan's cap (70398) is looked at: it would create nothing.
  execute(ctx, input) {
    const { app, store } = ctx;
    if (store.registrable(app.sdkappid, input.identifier, input.identifierType)) assertRoomForAnother(ctx);
    const result = store.register(app.sdkappid, input.identifier, input.identifierType, hashPassword(input.password));
    if (!result.ok) throw new VendorError(Errors.RegisterAccountExists);
  },
});
