/**
 * The shapes and fixed limits of the vendor's groups, apart from the store that keeps them
 * (groups.ts). Rules: https://cloud.tencent.com/document/product/269/1502 (types, member limits)
 * and https://cloud.tencent.com/document/product/269/1615 (create_group).
 */

/** The group types create_group accepts; Work and Meeting are the newer names of Private and ChatRoom. */
export const GROUP_TYPES = ['Private', 'Public', 'ChatRoom', 'AVChatRoom', 'Community', 'Work', 'Meeting'] as const;
export type GroupType = (typeof GROUP_TYPES)[number];
export type GroupRole = 'Owner' | 'Admin' | 'Member';
export const APPLY_JOIN_OPTIONS = ['FreeAccess', 'NeedPermission', 'DisableApply'] as const;
export type ApplyJoinOption = (typeof APPLY_JOIN_OPTIONS)[number];

/**
 * Members per group by type (269/1502): Work/Private 200, Public 2000, Meeting/ChatRoom 6000,
 * Community 100,000; AVChatRoom has no limit (the largest safe integer stands for it, so it stays JSON).
 */
export const MEMBER_LIMITS: Readonly<Record<GroupType, number>> = {
  Private: 200,
  Work: 200,
  Public: 2000,
  ChatRoom: 6000,
  Meeting: 6000,
  AVChatRoom: Number.MAX_SAFE_INTEGER,
  Community: 100_000,
};

/** Groups one account may be in, AVChatRoom aside (10037 past it; the vendor's pricing page, pro edition). */
export const JOINED_GROUPS_MAX = 500;

/** The longest custom GroupId, in UTF-8 bytes (create_group, 269/1615). */
export const GROUP_ID_MAX_BYTES = 48;
/** The prefix of generated ids; a custom id may not use it, except a Community's `@TGS#_` (269/1615). */
export const GENERATED_PREFIX = '@TGS#';
export const COMMUNITY_PREFIX = '@TGS#_';

export interface GroupMember {
  account: string;
  role: GroupRole;
  /** Unix seconds. */
  joinTime: number;
  nameCard: string;
  msgFlag: string;
  /** Unix seconds until which the member may not speak; 0: not muted. */
  shutUpUntil: number;
}

/** What a group is, apart from its owner and members (which a live group and a record hold differently). */
export interface GroupFields {
  groupId: string;
  type: GroupType;
  name: string;
  introduction: string;
  notification: string;
  faceUrl: string;
  maxMemberCount: number;
  applyJoinOption: ApplyJoinOption;
  createTime: number;
  lastInfoTime: number;
  infoSeq: number;
  lastMsgTime: number;
  nextMsgSeq: number;
}

export interface Group extends GroupFields {
  owner: string | undefined;
  members: Map<string, GroupMember>;
}

/** What create_group asks for, checked by the command. */
export interface NewGroup {
  type: GroupType;
  groupId?: string | undefined;
  name: string;
  owner?: string | undefined;
  introduction?: string | undefined;
  notification?: string | undefined;
  faceUrl?: string | undefined;
  maxMemberCount?: number | undefined;
  applyJoinOption?: ApplyJoinOption | undefined;
  /** import_group's CreateTime (unix seconds); absent: now. */
  createTime?: number | undefined;
  members: ReadonlyArray<{ account: string; role?: 'Admin' | 'Member' | undefined }>;
}

/** Why a change was refused, for the command to turn into the vendor's code. */
export type GroupRefusal = 'group-id-used' | 'joined-too-many' | 'members-over-limit';

export type Outcome<T> = { ok: true; value: T } | { ok: false; reason: GroupRefusal; account?: string };
