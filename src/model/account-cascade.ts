import type { FriendStore } from './friends.js';
import type { GroupStore } from './groups.js';
import type { MessageStore } from './messages.js';
import type { OnlineStore } from './online.js';
import type { ProfileStore } from './profiles.js';

/** The models that hold state naming an account besides the account store. */
export interface AccountStateStores {
  profiles: ProfileStore;
  online: OnlineStore;
  messages: MessageStore;
  groups: GroupStore;
  friends: FriendStore;
}

/**
 * What goes with a deleted account (account_delete, and the control plane's deletes): its
 * profile fields, its logins, the messages it sent or received with their read times, every
 * group it was in (an owner leaves its group without one) and every friend and black list, its
 * own going with it. Nothing names an account that no longer exists, and one imported again
 * under the name starts empty (docs/differences.md: the vendor's account_delete page,
 * https://cloud.tencent.com/document/product/269/36443, does not say).
 */
export function forgetAccountState(stores: AccountStateStores, sdkappid: number, identifier: string): void {
  stores.profiles.delete(sdkappid, identifier);
  stores.online.logout(sdkappid, identifier);
  stores.messages.deleteAccount(sdkappid, identifier);
  stores.groups.forgetAccount(sdkappid, identifier);
  stores.friends.forgetAccount(sdkappid, identifier);
}

/** Empties every model of one app, or of every app, when all its accounts go at once. */
export function clearAccountState(stores: AccountStateStores, sdkappid?: number): void {
  stores.profiles.clear(sdkappid);
  stores.online.clear(sdkappid);
  stores.messages.clear(sdkappid);
  stores.groups.clear(sdkappid);
  stores.friends.clear(sdkappid);
}
