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

/** Friend groups one account may have (group_add, 269/10107: "因分组数最多32"). */
export const FRIEND_GROUPS_MAX = 32;

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
  /** account -> its friend groups made by group_add (friends' GroupName adds theirs too). */
  readonly friendGroups = new Map<string, Set<string>>();
  /** account -> the CurrentSequence of its friend groups. */
  readonly groupSequence = new Map<string, number>();
  /** requester -> peer -> its friend request waiting for the peer (friend_add to a NeedConfirm peer). */
  readonly pending = new Map<string, Map<string, PendingRequest>>();
  /** peer -> the accounts whose requests wait for it. */
  readonly pendingFor = new Map<string, Set<string>>();
}

/** A friend request waiting for the peer's confirmation: what friend_add asked for, and when. */
export type PendingRequest = FriendSpec;

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

/** An account's own friend groups (group_add's, with or without friends) and their CurrentSequence. */
export interface FriendGroupRecord {
  from: string;
  names: string[];
  sequence: number;
}

/** A friend request from `from` waiting for `account`'s confirmation. */
export interface RequestRecord extends Friend {
  from: string;
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

  /**
   * `from`'s friend groups: those group_add made, then those only its friends' GroupName name,
   * in the order first seen: O(its friends).
   */
  friendGroupsOf(sdkappid: number, from: string): string[] {
    const app = this.#apps.get(sdkappid);
    const names = new Set(app?.friendGroups.get(from));
    for (const friend of app?.friends.get(from)?.values() ?? []) for (const name of friend.groups) names.add(name);
    return [...names];
  }

  groupSequence(sdkappid: number, from: string): number {
    return this.#apps.get(sdkappid)?.groupSequence.get(from) ?? 0;
  }

  #bump(app: AppFriends, from: string): number {
    const next = (app.groupSequence.get(from) ?? 0) + 1;
    app.groupSequence.set(from, next);
    return next;
  }

  /** Adds friend groups to `from` (names it has already stay); the new CurrentSequence. */
  addFriendGroups(sdkappid: number, from: string, names: readonly string[]): number {
    const app = this.#app(sdkappid);
    const own = setOf(app.friendGroups, from);
    for (const name of names) own.add(name);
    return this.#bump(app, from);
  }

  /** Puts friend `to` in `names` too (a friend's Tag_SNS_IM_Group). */
  groupFriend(sdkappid: number, from: string, to: string, names: readonly string[]): void {
    const friend = this.friend(sdkappid, from, to);
    if (friend !== undefined) friend.groups = [...new Set([...friend.groups, ...names])];
  }

  /** Deletes friend groups of `from`, taking them off every friend: O(its friends). The new CurrentSequence. */
  deleteFriendGroups(sdkappid: number, from: string, names: readonly string[]): number {
    const app = this.#app(sdkappid);
    for (const name of names) app.friendGroups.get(from)?.delete(name);
    if (app.friendGroups.get(from)?.size === 0) app.friendGroups.delete(from);
    for (const friend of app.friends.get(from)?.values() ?? []) {
      friend.groups = friend.groups.filter((g) => !names.includes(g));
    }
    return this.#bump(app, from);
  }

  /** Records `from`'s request to `to`, replacing an earlier one (friend_add answered 30539). */
  request(sdkappid: number, from: string, to: string, request: PendingRequest): void {
    const app = this.#app(sdkappid);
    mapOf(app.pending, from).set(to, { ...request, addTime: request.addTime ?? unixSeconds(this.#clock) });
    setOf(app.pendingFor, to).add(from);
  }

  /** `from`'s request waiting for `to`, if any. */
  pendingRequest(sdkappid: number, from: string, to: string): PendingRequest | undefined {
    return this.#apps.get(sdkappid)?.pending.get(from)?.get(to);
  }

  /** The requests waiting for `to`'s confirmation: O(their number). */
  requestsFor(sdkappid: number, to: string): Array<{ from: string; request: PendingRequest }> {
    const app = this.#apps.get(sdkappid);
    const requestOf = (from: string) => app?.pending.get(from)?.get(to) as PendingRequest;
    return [...(app?.pendingFor.get(to) ?? [])].map((from) => ({ from, request: requestOf(from) }));
  }

  /** Drops `from`'s request to `to`; false when there was none. */
  dropRequest(sdkappid: number, from: string, to: string): boolean {
    const app = this.#apps.get(sdkappid);
    if (app?.pending.get(from)?.has(to) !== true) return false;
    dropFrom(app.pending, from, to);
    dropFrom(app.pendingFor, to, from);
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
    app.friendGroups.delete(account);
    app.groupSequence.delete(account);
    for (const to of [...(app.pending.get(account)?.keys() ?? [])]) this.dropRequest(sdkappid, account, to);
    for (const from of [...(app.pendingFor.get(account) ?? [])]) this.dropRequest(sdkappid, from, account);
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

  /** Every account's own friend groups and CurrentSequence, per app, for the state document. */
  friendGroupRecords(): Array<{ sdkappid: number; records: FriendGroupRecord[] }> {
    return [...this.#apps].map(([sdkappid, app]) => {
      const accounts = new Set([...app.friendGroups.keys(), ...app.groupSequence.keys()]);
      const records = [...accounts].map((from) => ({
        from,
        names: [...(app.friendGroups.get(from) ?? [])],
        sequence: app.groupSequence.get(from) ?? 0,
      }));
      return { sdkappid, records };
    });
  }

  /** Every pending friend request, per app, for the state document. */
  requestRecords(): Array<{ sdkappid: number; records: RequestRecord[] }> {
    return [...this.#apps].map(([sdkappid, app]) => ({
      sdkappid,
      records: [...app.pending].flatMap(([from, requests]) =>
        [...requests].map(([account, r]) => ({
          from,
          account,
          remark: r.remark ?? '',
          groups: [...(r.groups ?? [])],
          addSource: r.addSource,
          addWording: r.addWording ?? '',
          addTime: r.addTime as number,
        })),
      ),
    }));
  }

  /** Puts back one app's friend groups and pending requests, after its relationships (restore or replaceApp). */
  restoreExtras(
    sdkappid: number,
    friendGroups: readonly FriendGroupRecord[],
    requests: readonly RequestRecord[],
  ): void {
    const app = this.#app(sdkappid);
    for (const { from, names, sequence } of friendGroups) {
      if (names.length > 0) app.friendGroups.set(from, new Set(names));
      if (sequence > 0) app.groupSequence.set(from, sequence);
    }
    for (const { from, account, ...request } of requests) this.request(sdkappid, from, account, request);
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
