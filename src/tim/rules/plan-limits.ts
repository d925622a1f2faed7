import type { CommandContext } from '../command.js';
import { Errors, VendorError } from '../errors.js';

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
