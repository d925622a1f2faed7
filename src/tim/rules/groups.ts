import type { CommandCodes, CommandContext } from '../command.js';
import { Errors, VendorError, type VendorErrorEntry } from '../errors.js';
import type { Group, GroupMember } from '../../model/groups.js';
import { Fields } from './fields.js';
import type { JsonObject } from '../body.js';

/**
 * The codes every group_open_http_svc command shares (https://cloud.tencent.com/document/product/269/1671):
 * 10004 for a malformed request, 10007 for a caller without the permission, 60006 for a bad
 * sdkappid; `own` adds the command's codes after 10010 (no such group) and 10002.
 */
export const groupCodes = (own: readonly VendorErrorEntry[] = []): CommandCodes => ({
  badRequest: Errors.GroupBadParam,
  invalidSdkAppId: Errors.InvalidSdkAppId,
  notAdmin: Errors.GroupNoPermission,
  own: [Errors.GroupInternal, Errors.GroupNotFound, Errors.GroupIdInvalid, ...own],
});

/** The field readers with the group commands' format code (10004). */
export const groupFields = (body: JsonObject): Fields => new Fields(body, Errors.GroupBadParam);

/** The group `groupId` names, or 10010. */
export function groupOf({ app, groups }: CommandContext, groupId: string): Group {
  const group = groups.get(app.sdkappid, groupId);
  if (group === undefined) throw new VendorError(Errors.GroupNotFound);
  return group;
}

/** `account` as a member of `group`, or 10007 (the vendor's answer for an operation on a non-member). */
export function memberOf(group: Group, account: string): GroupMember {
  const member = group.members.get(account);
  if (member === undefined) throw new VendorError(Errors.GroupNoPermission, `${account} is not a member of the group`);
  return member;
}

/** Throws 10019 unless `account` is an account of the app. */
export function assertAccount({ app, store }: CommandContext, account: string): void {
  if (store.get(app.sdkappid, account) === undefined) throw new VendorError(Errors.GroupAccountNotFound, account);
}

/** Throws 10007 when the group is an AVChatRoom, which adds and removes no members by REST (269/1621). */
export function assertNotAvChatRoom(group: Group): void {
  if (group.type === 'AVChatRoom') throw new VendorError(Errors.GroupNoPermission, 'AVChatRoom groups cannot be changed this way');
}

/** The longest mute: MuteTime / ShutUpTime are seconds, at most 0xFFFFFFFF (269/1623, 269/1627). */
export const MUTE_SECONDS_MAX = 4_294_967_295;

/** When a mute of `seconds` from `now` ends: 0 (no mute) for 0 seconds. */
export const muteEnd = (seconds: number, now: number): number => (seconds === 0 ? 0 : now + seconds);
