import type { CommandCodes } from '../command.js';
import { Errors, type VendorErrorEntry } from '../errors.js';

/** The profile service's codes (portrait_set, portrait_get): 40001 a malformed request, 40004 not the admin. */
export const profileCodes = (own: readonly VendorErrorEntry[]): CommandCodes => ({
  badRequest: Errors.ProfileBadRequest,
  invalidSdkAppId: Errors.InvalidSdkAppId,
  notAdmin: Errors.ProfileNotAdmin,
  own,
});
