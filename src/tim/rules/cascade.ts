import type { CommandContext } from '../command.js';

/**
 * What a deleted account leaves behind: it leaves every group it was in (an owner leaves its
 * group without one) and every friend list and black list, its own lists going with it, so
 * nothing names an account that no longer exists (docs/differences.md: the vendor's
 * account_delete page, https://cloud.tencent.com/document/product/269/36443, does not say).
 */
export function forgetRelations({ app, groups, friends }: CommandContext, identifier: string): void {
  groups.forgetAccount(app.sdkappid, identifier);
  friends.forgetAccount(app.sdkappid, identifier);
}
