import type { CommandCodes } from '../command.js';
import { Errors, type VendorErrorEntry } from '../errors.js';

/**
 * The invalid-parameter code of each section of the vendor's API, answered when a stubbed
 * command's body breaks its schema. The sections' own pages give one code for "the request is
 * not what the command takes"; docs/differences.md records the choice per section.
 */
const BAD_REQUEST: Readonly<Record<string, VendorErrorEntry>> = {
  account: Errors.ImportBadRequest,
  single_chat: Errors.MsgJsonParse,
  all_member_push: Errors.MsgJsonParse,
  portrait: Errors.ProfileBadRequest,
  relationships: Errors.SnsBadRequest,
  recent_contact: Errors.RecentContactBadRequest,
  group: Errors.GroupBadParam,
  mute: Errors.MsgJsonParse,
  operation: Errors.MsgJsonParse,
};

/** The codes of a command served as a stub: its section's, and the common ones for the envelope. */
export function sectionCodes(section: string): CommandCodes {
  return {
    badRequest: BAD_REQUEST[section] ?? Errors.RequestFormat,
    invalidSdkAppId: Errors.InvalidSdkAppId,
    notAdmin: section === 'account' ? Errors.ImportNotAdmin : Errors.AdminRequired,
    own: [],
  };
}
