import { unixSeconds, type Clock } from './clock.js';
import type { ApplyJoinOption, Group, GroupFields, GroupMember, GroupRole, GroupType, NewGroup, Outcome } from './group-types.js';
import { GENERATED_PREFIX, JOINED_GROUPS_MAX, MEMBER_LIMITS } from './group-types.js';
import { GroupHistory, type GroupMessage, type GroupMessageRecord, type GroupMessageSeed } from './group-messages.js';

/**
 * The vendor's groups (group_open_http_svc), kept per app: each group with its members and
 * roles, and per account the groups it is in, so that every operation is O(1) or O(members)
 * (never a walk over all groups). Rules come from the vendor's pages:
 * https://cloud.tencent.com/document/product/269/1502 (group types and member limits),
 * https://cloud.tencent.com/document/product/269/1615 (create_group: ids, owner, members).
 */

export * from './group-types.js';

/** The vendor's default ApplyJoinOption per type: Work and Meeting admit by invitation only. */
const defaultApplyJoin = (type: GroupType): ApplyJoinOption =>
  type === 'Private' || type === 'Work' ? 'DisableApply' : type === 'AVChatRoom' || type === 'ChatRoom' || type === 'Meeting' ? 'FreeAccess' : 'NeedPermission';

/** Whether a type counts towards JOINED_GROUPS_MAX: AVChatRoom memberships do not. */
const counted = (type: GroupType): boolean => type !== 'AVChatRoom';

/** The character after `@TGS#` in a generated id, by type, as the vendor's ids show it. */
const TYPE_MARK: Readonly<Record<GroupType, string>> = {
  Private: '1',
  Work: '1',
  Public: '2',
  ChatRoom: '3',
  Meeting: '3',
  AVChatRoom: 'a',
  Community: '_@TGS#c',
};

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** One app's groups. */
class AppGroups {
  readonly groups = new Map<string, Group>();
  /** Groups by creation order, for get_appid_group_list's Next; destroyed ones leave a hole. */
  readonly order: Array<Group | undefined> = [];
  readonly #position = new Map<string, number>();
  /** The same order one list per type, so that a page of one type walks only that type's groups. */
  readonly orderOfType = new Map<GroupType, Array<Group | undefined>>();
  readonly #typePosition = new Map<string, number>();
  /** account -> the ids of its groups. */
  readonly joined = new Map<string, Set<string>>();
  /** account -> how many of its groups count towards JOINED_GROUPS_MAX. */
  readonly #counted = new Map<string, number>();
  /** Groups by type, for the plans' group counts. */
  readonly byType = new Map<GroupType, number>();
  serial = 0;

  countedOf(account: string): number {
    return this.#counted.get(account) ?? 0;
  }

  add(group: Group): void {
    this.groups.set(group.groupId, group);
    this.#position.set(group.groupId, this.order.length);
    this.order.push(group);
    let ofType = this.orderOfType.get(group.type);
    if (ofType === undefined) this.orderOfType.set(group.type, (ofType = []));
    this.#typePosition.set(group.groupId, ofType.length);
    ofType.push(group);
    this.byType.set(group.type, (this.byType.get(group.type) ?? 0) + 1);
  }

  remove(group: Group): void {
    for (const account of group.members.keys()) this.unjoin(group, account);
    this.groups.delete(group.groupId);
    const at = this.#position.get(group.groupId) as number;
    this.order[at] = undefined;
    this.#position.delete(group.groupId);
    const ofType = this.orderOfType.get(group.type) as Array<Group | undefined>;
    ofType[this.#typePosition.get(group.groupId) as number] = undefined;
    this.#typePosition.delete(group.groupId);
    this.byType.set(group.type, (this.byType.get(group.type) as number) - 1);
  }

  join(group: Group, member: GroupMember): void {
    group.members.set(member.account, member);
    let ids = this.joined.get(member.account);
    if (ids === undefined) {
      ids = new Set();
      this.joined.set(member.account, ids);
    }
    ids.add(group.groupId);
    if (counted(group.type)) this.#counted.set(member.account, this.countedOf(member.account) + 1);
  }

  unjoin(group: Group, account: string): void {
    group.members.delete(account);
    const ids = this.joined.get(account);
    ids?.delete(group.groupId);
    if (ids?.size === 0) this.joined.delete(account);
    if (counted(group.type)) {
      const left = this.countedOf(account) - 1;
      if (left > 0) this.#counted.set(account, left);
      else this.#counted.delete(account);
    }
  }
}

/** How many groups an app holds: in all, and of the two types the plans count apart. */
export interface GroupCounts {
  all: number;
  avChatRooms: number;
  communities: number;
}

/** One group as a state document or the control plane shows it. */
export interface GroupRecord extends GroupFields {
  owner?: string;
  members: GroupMember[];
}

/** Every app's groups, in memory for the life of the process. */
export class GroupStore {
  readonly #apps = new Map<number, AppGroups>();
  readonly #clock: Clock;
  /** Each group's messages; a group that goes takes its messages with it. */
  readonly history = new GroupHistory();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  #app(sdkappid: number): AppGroups {
    let app = this.#apps.get(sdkappid);
    if (app === undefined) {
      app = new AppGroups();
      this.#apps.set(sdkappid, app);
    }
    return app;
  }

  get(sdkappid: number, groupId: string): Group | undefined {
    return this.#apps.get(sdkappid)?.groups.get(groupId);
  }

  count(sdkappid: number): number {
    return this.#apps.get(sdkappid)?.groups.size ?? 0;
  }

  /** How many groups the app holds, in all and of the types the plans count apart: O(1). */
  counts(sdkappid: number): GroupCounts {
    const app = this.#apps.get(sdkappid);
    const of = (type: GroupType): number => app?.byType.get(type) ?? 0;
    return { all: app?.groups.size ?? 0, avChatRooms: of('AVChatRoom'), communities: of('Community') };
  }

  /** Groups `account` may still join, AVChatRoom aside. */
  roomToJoin(sdkappid: number, account: string): number {
    return JOINED_GROUPS_MAX - (this.#apps.get(sdkappid)?.countedOf(account) ?? 0);
  }

  /** A generated id no group of the app has: `@TGS#`, the type's mark, eight characters. */
  #generateId(app: AppGroups, type: GroupType): string {
    for (;;) {
      let n = ++app.serial * 2_654_435_761;
      let suffix = '';
      for (let i = 0; i < 8; i++) {
        suffix += ID_ALPHABET[n % 32];
        n = Math.floor(n / 32);
      }
      const id = `${GENERATED_PREFIX}${TYPE_MARK[type]}${suffix}`;
      if (!app.groups.has(id)) return id;
    }
  }

  /** Creates a group with its owner and initial members; nothing changes when it is refused. */
  create(sdkappid: number, spec: NewGroup): Outcome<Group> {
    const app = this.#app(sdkappid);
    if (spec.groupId !== undefined && app.groups.has(spec.groupId)) return { ok: false, reason: 'group-id-used' };
    const now = spec.createTime ?? unixSeconds(this.#clock);
    const named = [...(spec.owner === undefined ? [] : [spec.owner]), ...spec.members.map((m) => m.account)];
    const accounts = [...new Set(named)];
    const maxMemberCount = spec.maxMemberCount ?? MEMBER_LIMITS[spec.type];
    if (accounts.length > maxMemberCount) return { ok: false, reason: 'members-over-limit' };
    if (counted(spec.type)) {
      const full = accounts.find((account) => app.countedOf(account) >= JOINED_GROUPS_MAX);
      if (full !== undefined) return { ok: false, reason: 'joined-too-many', account: full };
    }
    const group: Group = {
      groupId: spec.groupId ?? this.#generateId(app, spec.type),
      type: spec.type,
      name: spec.name,
      introduction: spec.introduction ?? '',
      notification: spec.notification ?? '',
      faceUrl: spec.faceUrl ?? '',
      owner: spec.owner,
      maxMemberCount,
      applyJoinOption: spec.applyJoinOption ?? defaultApplyJoin(spec.type),
      createTime: now,
      lastInfoTime: now,
      infoSeq: 1,
      lastMsgTime: 0,
      nextMsgSeq: 1,
      members: new Map(),
    };
    app.add(group);
    const roles = new Map(spec.members.map((m) => [m.account, m.role ?? 'Member']));
    for (const account of accounts) {
      const role: GroupRole = account === spec.owner ? 'Owner' : (roles.get(account) as GroupRole);
      app.join(group, newMember(account, role, now));
    }
    return { ok: true, value: group };
  }

  /** Adds one account as a member; refused past the group's or the account's limit. */
  addMember(sdkappid: number, group: Group, account: string, role: GroupRole = 'Member', joinTime?: number): Outcome<GroupMember> {
    const app = this.#app(sdkappid);
    if (group.members.size >= group.maxMemberCount) return { ok: false, reason: 'members-over-limit' };
    if (counted(group.type) && app.countedOf(account) >= JOINED_GROUPS_MAX) return { ok: false, reason: 'joined-too-many', account };
    const member = newMember(account, role, joinTime ?? unixSeconds(this.#clock));
    app.join(group, member);
    return { ok: true, value: member };
  }

  /** Removes a member; an owner who leaves leaves the group without an owner. */
  removeMember(sdkappid: number, group: Group, account: string): boolean {
    if (!group.members.has(account)) return false;
    this.#app(sdkappid).unjoin(group, account);
    if (group.owner === account) group.owner = undefined;
    return true;
  }

  /** Marks a change of the group's profile (InfoSeq, LastInfoTime). */
  touch(group: Group): void {
    group.infoSeq += 1;
    group.lastInfoTime = unixSeconds(this.#clock);
  }

  /** Makes `account`, a member, the owner; the old owner stays a member. */
  changeOwner(group: Group, account: string): void {
    const previous = group.owner === undefined ? undefined : group.members.get(group.owner);
    if (previous !== undefined) previous.role = 'Member';
    (group.members.get(account) as GroupMember).role = 'Owner';
    group.owner = account;
    this.touch(group);
  }

  destroy(sdkappid: number, group: Group): void {
    this.#app(sdkappid).remove(group);
  }

  /** The ids of the groups `account` is in, in the order it joined them. */
  joinedBy(sdkappid: number, account: string): string[] {
    return [...(this.#apps.get(sdkappid)?.joined.get(account) ?? [])];
  }

  /**
   * Up to `limit` groups (of `type` only, when given) in creation order from position `next`
   * (0: the first) of that order, with the position to ask for next (0 when there are no
   * more): O(limit + destroyed groups skipped), whatever the number of groups of other types.
   */
  page(sdkappid: number, next: number, limit: number, type?: GroupType): { groups: Group[]; next: number } {
    const app = this.#apps.get(sdkappid);
    const order = (type === undefined ? app?.order : app?.orderOfType.get(type)) ?? [];
    const groups: Group[] = [];
    let at = next;
    for (; at < order.length && groups.length < limit; at++) {
      const group = order[at];
      if (group !== undefined) groups.push(group);
    }
    return { groups, next: at < order.length ? at : 0 };
  }

  /** A deleted account leaves every group it was in (an owner leaves its group ownerless): O(its groups). */
  forgetAccount(sdkappid: number, account: string): void {
    const app = this.#apps.get(sdkappid);
    for (const groupId of [...(app?.joined.get(account) ?? [])]) {
      this.removeMember(sdkappid, app?.groups.get(groupId) as Group, account);
    }
  }

  /** Every group of one app (or of all), for the control plane and the state file. */
  list(sdkappid?: number): Array<{ sdkappid: number; group: Group }> {
    const apps = sdkappid === undefined ? [...this.#apps] : [[sdkappid, this.#apps.get(sdkappid)] as const];
    return apps.flatMap(([id, app]) => [...(app?.groups.values() ?? [])].map((group) => ({ sdkappid: id, group })));
  }

  clear(sdkappid?: number): void {
    if (sdkappid === undefined) this.#apps.clear();
    else this.#apps.delete(sdkappid);
  }

  /** Every group as plain records, for the state document. */
  snapshot(): Array<{ sdkappid: number; groups: GroupRecord[] }> {
    return [...this.#apps].map(([sdkappid, app]) => ({ sdkappid, groups: [...app.groups.values()].map(recordOf) }));
  }

  /** Every kept group message, per app, oldest first per group, for the state document: O(messages). */
  messageRecords(): Array<{ sdkappid: number; messages: GroupMessageRecord[] }> {
    return [...this.#apps].map(([sdkappid, app]) => ({
      sdkappid,
      messages: [...app.groups.values()].flatMap((group) =>
        this.history.of(group).map((m) => ({ groupId: group.groupId, ...m })),
      ),
    }));
  }

  /** Puts back one app's kept group messages (checked by `groupMessagesProblem`), after its groups. */
  restoreMessages(sdkappid: number, records: readonly GroupMessageRecord[]): void {
    const byGroup = new Map<string, GroupMessage[]>();
    for (const { groupId, ...message } of records) {
      let list = byGroup.get(groupId);
      if (list === undefined) byGroup.set(groupId, (list = []));
      list.push(message);
    }
    for (const [groupId, messages] of byGroup) this.history.restore(this.get(sdkappid, groupId) as Group, messages);
  }

  /** Stores `seeds` in `group`'s history in order, as if sent: each takes the group's next MsgSeq. */
  seedMessages(group: Group, seeds: readonly GroupMessageSeed[]): GroupMessage[] {
    const now = unixSeconds(this.#clock);
    return seeds.map((seed, i) =>
      this.history.append(group, {
        from: seed.from,
        body: seed.body,
        time: seed.time ?? now,
        random: seed.random ?? i,
        priority: seed.priority ?? 'Normal',
        cloudCustomData: seed.cloudCustomData,
      }),
    );
  }

  /** Replaces every group with `apps`' (a checked state document or seed). */
  restore(apps: ReadonlyArray<{ sdkappid: number; groups: readonly GroupRecord[] }>): void {
    this.clear();
    for (const { sdkappid, groups } of apps) this.replaceApp(sdkappid, groups);
  }

  /** Replaces one app's groups with `records` (checked by `groupRecordsProblem`). */
  replaceApp(sdkappid: number, records: readonly GroupRecord[]): void {
    this.clear(sdkappid);
    const app = this.#app(sdkappid);
    for (const record of records) {
      const { members, owner, ...rest } = record;
      const group: Group = { ...rest, owner, members: new Map() };
      app.add(group);
      for (const member of members) app.join(group, { ...member });
    }
  }
}

const newMember = (account: string, role: GroupRole, joinTime: number): GroupMember => ({
  account,
  role,
  joinTime,
  nameCard: '',
  msgFlag: 'AcceptAndNotify',
  shutUpUntil: 0,
});

/** A group as a plain record: members as an array, the owner only when there is one. */
export function recordOf(group: Group): GroupRecord {
  const { members, owner, ...rest } = group;
  return { ...rest, ...(owner !== undefined && { owner }), members: [...members.values()].map((m) => ({ ...m })) };
}
