import { Errors, VendorError, type VendorErrorEntry } from '../errors.js';
import type { Profile } from '../../model/accounts/account.js';
import { PROFILE_VALUE_MAX_BYTES, STANDALONE_IDENTIFIER_MAX_BYTES, utf8Bytes } from '../../model/accounts/identifier-rules.js';

/** A standalone account as account_import and its batch form take it. */
export interface StandaloneInput extends Profile {
  identifier: string;
}

/** The account a body names: `UserID` (newer docs and SDKs) or `Identifier` (the seed). */
export function standaloneIdentifier(fields: Record<string, unknown>): unknown {
  return fields.UserID ?? fields.Identifier;
}

const optionalString = (value: unknown): value is string | undefined => value === undefined || typeof value === 'string';

/**
 * The rules of a standalone account, checked in this order: the identifier (a string of 1 to
 * 32 UTF-8 bytes; `UserID` and `Identifier` may both be given only when equal), `Type` (0 or
 * 1), `Nick` and `FaceUrl` (strings), all else `badRequest`; then Nick and FaceUrl at most 500
 * bytes each (40601).
 */
export function parseStandalone(
  fields: Record<string, unknown>,
  badRequest: VendorErrorEntry = Errors.ImportBadRequest,
): StandaloneInput {
  const { UserID, Identifier, Nick, FaceUrl, Type } = fields;
  if (UserID !== undefined && Identifier !== undefined && UserID !== Identifier) {
    throw new VendorError(badRequest, 'UserID and Identifier name different accounts');
  }
  const identifier = standaloneIdentifier(fields);
  if (typeof identifier !== 'string' || identifier === '' || utf8Bytes(identifier) > STANDALONE_IDENTIFIER_MAX_BYTES) {
    throw new VendorError(badRequest, `the account must be a string of 1 to ${STANDALONE_IDENTIFIER_MAX_BYTES} bytes`);
  }
  if (Type !== undefined && Type !== 0 && Type !== 1) throw new VendorError(badRequest, 'Type must be 0 or 1');
  if (!optionalString(Nick) || !optionalString(FaceUrl)) throw new VendorError(badRequest, 'Nick and FaceUrl must be strings');
  for (const value of [Nick, FaceUrl]) {
    if (value !== undefined && utf8Bytes(value) > PROFILE_VALUE_MAX_BYTES) {
      throw new VendorError(Errors.ProfileValueTooLong);
    }
  }
  return { identifier, nick: Nick, faceUrl: FaceUrl, type: Type };
}
