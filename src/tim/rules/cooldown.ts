import { unixSeconds } from '../../model/clock.js';
import type { CommandContext } from '../command.js';
import { Errors, VendorError } from '../errors.js';

const DAY_SECONDS = 86_400;

/**
 * The vendor's 70399 rule: on paid plans a deleted account cannot be imported again for three
 * months. With the app's `reimportCooldownDays` > 0, an identifier deleted at second T is
 * refused until second T + days * 86400 (allowed from then on). The store forgets a deletion
 * once the account exists again, so an existing account is just updated. Off (0) without a
 * plan and on trial and developer plans.
 */
export function reimportRefused({ app, store, clock }: CommandContext, identifier: string): boolean {
  const days = app.settings.reimportCooldownDays;
  if (days === 0) return false;
  const deletedAt = store.deletedAt(app.sdkappid, identifier);
  if (deletedAt === undefined) return false;
  return unixSeconds(clock) < deletedAt + days * DAY_SECONDS;
}

/** Throws 70399 when `reimportRefused`. */
export function assertReimportAllowed(ctx: CommandContext, identifier: string): void {
  if (reimportRefused(ctx, identifier)) throw new VendorError(Errors.ReimportTooSoon);
}
