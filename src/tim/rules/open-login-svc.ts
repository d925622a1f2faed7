import type { CommandCodes } from '../command.js';
import { Errors, type VendorErrorEntry } from '../errors.js';

/**
 * The codes the im_open_login_svc commands share, after account_import's seed page: 70402 for
 * a malformed request, 70403 for a caller that is not the admin, 60006 for a bad sdkappid.
 */
export const openLoginSvcCodes = (own: readonly VendorErrorEntry[]): CommandCodes => ({
  badRequest: Errors.ImportBadRequest,
  invalidSdkAppId: Errors.InvalidSdkAppId,
  notAdmin: Errors.ImportNotAdmin,
  own,
});
