import type { CommandContext } from '../command.js';
import { Errors, VendorError } from '../errors.js';
import type { Group, GroupType } from '../../model/groups.js';
import { groupCountRefusal, planMemberLimit } from '../../model/group-plan-limits.js';

/**
 * Whether the app may hold one more account: the trial plan's cap (`accountLimit`, 100) refuses
 * only creating an account, never updating one, so callers ask it only when they would create.
 */
export function roomForAnother({ app, store }: CommandContext): boolean {
  const limit = app.settings.accountLimit;
  return limit === null || store.count(app.sdkappid) < limit;
}

/** Throws 70398 unless `roomForAnother`. */
export function assertRoomForAnother(ctx: CommandContext): void {
  if (!roomForAnother(ctx)) throw new VendorError(Errors.AccountLimit);
}

/** Throws 71000 when deletion is off for the app (plans other than trial and developer, until turned on). */
export function assertDeletionEnabled({ app }: CommandContext): void {
  if (!app.settings.deleteEnabled) throw new VendorError(Errors.DeletionDisabled);
}

/**
 * Throws unless the app's plan leaves room for one more group of `type`: 10059 for a Community
 * on a plan without them, 10036 past the plan's group counts (269/9346).
 */
export function assertRoomForGroup({ app, groups }: CommandContext, type: GroupType): void {
  const refusal = groupCountRefusal(app.settings.plan, type, groups.counts(app.sdkappid));
  if (refusal === 'no-community') throw new VendorError(Errors.GroupNotUltimate);
  if (refusal === 'count-over-limit') throw new VendorError(Errors.GroupCountOverLimit, `the ${app.settings.plan} plan's group count is reached`);
}

/** Most members `group` may have now: its own MaxMemberNum, within the app's plan (269/9346). */
export const memberRoom = ({ app }: CommandContext, group: Group): number =>
  Math.min(group.maxMemberCount, planMemberLimit(app.settings.plan, group.type));
