import { unixSeconds, type Clock } from './clock.js';

/**
 * The vendor's relationship chain (sns): each account's friends and black list, per app.
 * Every operation is O(1) per pair or O(the account's friends); reverse indexes let a deleted
 * account be removed from the lists of others without a walk over every account.
 * https://cloud.tencent.com/document/product/269/1643 (friend_add) and its sibling pages.
 */

/** The peer's Tag_Profile_IM_AllowType values (the profile page, 269/1500). */
export const ALLOW_TYPES = ['AllowType_Type_NeedConfirm', 'AllowType_Type_AllowAny', 'AllowType_Type_DenyAny'] as const;
export type AllowType = (typeof ALLOW_TYPES)[number];
/** The vendor's default when an account never set it: adding needs the peer's confirmation. */
export const DEFAULT_ALLOW_TYPE: AllowType = 'AllowType_Type_NeedConfirm';

/**
 * Where friend_add reads a peer's AllowType: the profile store when there is one; until
 * then every account has the vendor's default.
 */
export interface AllowTypeSource {
  allowType(sdkappid: number, account: string): string | undefined;
}

/** The most friends one account may have (30010 / 30014; the vendor's relationship limits, 269/1502). */
export const FRIENDS_MAX = 3000;

export interface Friend {
  account: string;
  remark: string;
  groups: string[];
  addSource: string;
  addWording: string;
  /** Unix seconds. */
  addTime: number;
}

/** What friend_add and friend_import put on a list. */
export interface FriendSpec {
  remark?: string | undefined;
  groups?: readonly string[] | undefined;
  addSource: string;
  addWording?: string | undefined;
  addTime?: number | undefined;
}

class AppFriends {
  /** account -> friend -> entry, in the order they were added. */
  readonly friends = new Map<string, Map<string, Friend>>();
  /** account -> the accounts whose friend lists hold it. */
  readonly listedBy = new Map<string, Set<string>>();
  /** account -> blocked account -> unix seconds. */
  readonly blocked = new Map<string, Map<string, number>>();
  /** account -> the accounts whose black lists hold it. */
  readonly blockedBy = new Map<string, Set<string>>();
}

const setOf = <K, V>(map: Map<K, Set<V>>, key: K): Set<V> => {
  let set = map.get(key);
  if (set === undefined) {
    set = new Set();
    map.set(key, set);
  }
  return set;
};
const mapOf = <K, K2, V>(map: Map<K, Map<K2, V>>, key: K): Map<K2, V> => {
  let inner = map.get(key);
  if (inner === undefined) {
    inner = new Map();
    map.set(key, inner);
  }
  return inner;
};
const dropFrom = <K, V>(map: Map<K, Set<V> | Map<V, unknown>>, key: K, value: V): void => {
  const inner = map.get(key);
  inner?.delete(value);
  if (inner?.size === 0) map.delete(key);
};

/** One relationship as the state document and the control plane show it. */
export interface FriendRecord extends Friend {
  from: string;
}
export interface BlockRecord {
  from: string;
  account: string;
  addTime: number;
}

/** One app's relationships as plain records. */
export interface FriendsSnapshot {
  sdkappid: number;
  friends: FriendRecord[];
  blocked: BlockRecord[];
}

export class FriendStore {
  readonly #apps = new Map<number, AppFriends>();
  readonly #clock: Clock;
  #allowTypes: AllowTypeSource | undefined;

  constructor(clock: Clock, allowTypes?: AllowTypeSource) {
    this.#clock = clock;
    this.#allowTypes = allowTypes;
  }

  /** Reads AllowType from `source` from now on (the profile store, once it exists). */
  useAllowTypes(source: AllowTypeSource): void {
    this.#allowTypes = source;
  }

  /** The peer's AllowType: its profile's value when valid, else the vendor's default. */
  allowType(sdkappid: number, account: string): AllowType {
    const value = this.#allowTypes?.allowType(sdkappid, account);
    return ALLOW_TYPES.includes(value as AllowType) ? (value as AllowType) : DEFAULT_ALLOW_TYPE;
  }

  #app(sdkappid: number): AppFriends {
    let app = this.#apps.get(sdkappid);
    if (app === undefined) {
      app = new AppFriends();
      this.#apps.set(sdkappid, app);
    }
    return app;
  }

  friend(sdkappid: number, from: string, to: string): Friend | undefined {
    return this.#apps.get(sdkappid)?.friends.get(from)?.get(to);
  }

  /** `from`'s friends in the order they were added. */
  friendsOf(sdkappid: number, from: string): Friend[] {
    return [...(this.#apps.get(sdkappid)?.friends.get(from)?.values() ?? [])];
  }

  friendCount(sdkappid: number, from: string): number {
    return this.#apps.get(sdkappid)?.friends.get(from)?.size ?? 0;
  }

  /** Puts `to` on `from`'s list (one direction). */
  addFriend(sdkappid: number, from: string, to: string, spec: FriendSpec): Friend {
    const app = this.#app(sdkappid);
    const friend: Friend = {
      account: to,
      remark: spec.remark ?? '',
      groups: [...(spec.groups ?? [])],
      addSource: spec.addSource,
      addWording: spec.addWording ?? '',
      addTime: spec.addTime ?? unixSeconds(this.#clock),
    };
    mapOf(app.friends, from).set(to, friend);
    setOf(app.listedBy, to).add(from);
    return friend;
  }

  /** Takes `to` off `from`'s list (one direction); false when it was not there. */
  removeFriend(sdkappid: number, from: string, to: string): boolean {
    const app = this.#apps.get(sdkappid);
    if (app?.friends.get(from)?.has(to) !== true) return false;
    dropFrom(app.friends, from, to);
    dropFrom(app.listedBy, to, from);
    return true;
  }

  isBlocked(sdkappid: number, from: string, to: string): boolean {
    return this.#apps.get(sdkappid)?.blocked.get(from)?.has(to) === true;
  }

  blockedBy(sdkappid: number, from: string): Array<{ account: string; addTime: number }> {
    return [...(this.#apps.get(sdkappid)?.blocked.get(from) ?? [])].map(([account, addTime]) => ({ account, addTime }));
  }

  blockCount(sdkappid: number, from: string): number {
    return this.#apps.get(sdkappid)?.blocked.get(from)?.size ?? 0;
  }

  block(sdkappid: number, from: string, to: string, addTime = unixSeconds(this.#clock)): void {
    const app = this.#app(sdkappid);
    mapOf(app.blocked, from).set(to, addTime);
    setOf(app.blockedBy, to).add(from);
  }

  unblock(sdkappid: number, from: string, to: string): boolean {
    const app = this.#apps.get(sdkappid);
    if (app?.blocked.get(from)?.has(to) !== true) return false;
    dropFrom(app.blocked, from, to);
    dropFrom(app.blockedBy, to, from);
    return true;
  }

  /** A deleted account's lists go, and it leaves every list it was on: O(its relationships). */
  forgetAccount(sdkappid: number, account: string): void {
    const app = this.#apps.get(sdkappid);
    if (app === undefined) return;
    for (const to of [...(app.friends.get(account)?.keys() ?? [])]) this.removeFriend(sdkappid, account, to);
    for (const from of [...(app.listedBy.get(account) ?? [])]) this.removeFriend(sdkappid, from, account);
    for (const to of [...(app.blocked.get(account)?.keys() ?? [])]) this.unblock(sdkappid, account, to);
    for (const from of [...(app.blockedBy.get(account) ?? [])]) this.unblock(sdkappid, from, account);
  }

  clear(sdkappid?: number): void {
    if (sdkappid === undefined) this.#apps.clear();
    else this.#apps.delete(sdkappid);
  }

  /** Every relationship as plain records, per app. */
  snapshot(): FriendsSnapshot[] {
    return [...this.#apps].map(([sdkappid, app]) => ({
      sdkappid,
      friends: [...app.friends].flatMap(([from, list]) =>
        [...list.values()].map((f) => ({ from, ...f, groups: [...f.groups] })),
      ),
      blocked: [...app.blocked].flatMap(([from, list]) =>
        [...list].map(([account, addTime]) => ({ from, account, addTime })),
      ),
    }));
  }

  /** Replaces every relationship with `apps`' (a checked state document or seed). */
  restore(apps: ReadonlyArray<FriendsSnapshot>): void {
    this.clear();
    for (const app of apps) this.replaceApp(app);
  }

  /** Replaces one app's relationships. */
  replaceApp({ sdkappid, friends, blocked }: FriendsSnapshot): void {
    this.clear(sdkappid);
    for (const { from, account, ...spec } of friends) this.addFriend(sdkappid, from, account, spec);
    for (const { from, account, addTime } of blocked) this.block(sdkappid, from, account, addTime);
  }
}
