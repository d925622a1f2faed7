import { Type } from '@sinclair/typebox';
import type { Group, GroupMember } from '../../model/groups.js';
import { stringEnum } from '../reply.js';

// How the group commands show a group and its members, after get_group_info (269/1616) and
// get_group_member_info (269/1617): the field names are the vendor's.

export const MEMBER_FIELDS = ['Role', 'JoinTime', 'MsgSeq', 'MsgFlag', 'LastSendMsgTime', 'ShutUpUntil', 'NameCard'] as const;
export const BASE_FIELDS = [
  'Type',
  'Name',
  'Introduction',
  'Notification',
  'FaceUrl',
  'Owner_Account',
  'CreateTime',
  'InfoSeq',
  'LastInfoTime',
  'LastMsgTime',
  'NextMsgSeq',
  'MemberNum',
  'MaxMemberNum',
  'ApplyJoinOption',
] as const;

export const MemberInfo = Type.Object({
  Member_Account: Type.String(),
  Role: Type.Optional(stringEnum(['Owner', 'Admin', 'Member'])),
  JoinTime: Type.Optional(Type.Integer()),
  MsgSeq: Type.Optional(Type.Integer()),
  MsgFlag: Type.Optional(Type.String()),
  LastSendMsgTime: Type.Optional(Type.Integer()),
  ShutUpUntil: Type.Optional(Type.Integer()),
  NameCard: Type.Optional(Type.String()),
});

export const GroupInfo = Type.Object({
  GroupId: Type.String(),
  ErrorCode: Type.Integer({ description: '0, or 10010 for a group that does not exist' }),
  ErrorInfo: Type.String(),
  Type: Type.Optional(Type.String()),
  Name: Type.Optional(Type.String()),
  Introduction: Type.Optional(Type.String()),
  Notification: Type.Optional(Type.String()),
  FaceUrl: Type.Optional(Type.String()),
  Owner_Account: Type.Optional(Type.String()),
  CreateTime: Type.Optional(Type.Integer()),
  InfoSeq: Type.Optional(Type.Integer()),
  LastInfoTime: Type.Optional(Type.Integer()),
  LastMsgTime: Type.Optional(Type.Integer()),
  NextMsgSeq: Type.Optional(Type.Integer()),
  MemberNum: Type.Optional(Type.Integer()),
  MaxMemberNum: Type.Optional(Type.Integer()),
  ApplyJoinOption: Type.Optional(Type.String()),
  MemberList: Type.Optional(Type.Array(MemberInfo)),
});

type MemberField = (typeof MEMBER_FIELDS)[number];
type BaseField = (typeof BASE_FIELDS)[number];

/** A member with the fields `fields` names (all when undefined). */
export function memberView(member: GroupMember, fields?: readonly string[]): Record<string, unknown> {
  const all: Record<MemberField, unknown> = {
    Role: member.role,
    JoinTime: member.joinTime,
    MsgSeq: 0,
    MsgFlag: member.msgFlag,
    LastSendMsgTime: 0,
    ShutUpUntil: member.shutUpUntil,
    NameCard: member.nameCard,
  };
  const view: Record<string, unknown> = { Member_Account: member.account };
  for (const field of MEMBER_FIELDS) if (fields === undefined || fields.includes(field)) view[field] = all[field];
  return view;
}

/** A group's base info with the fields `fields` names (all when undefined). */
export function baseView(group: Group, fields?: readonly string[]): Record<string, unknown> {
  const all: Record<BaseField, unknown> = {
    Type: group.type,
    Name: group.name,
    Introduction: group.introduction,
    Notification: group.notification,
    FaceUrl: group.faceUrl,
    Owner_Account: group.owner ?? '',
    CreateTime: group.createTime,
    InfoSeq: group.infoSeq,
    LastInfoTime: group.lastInfoTime,
    LastMsgTime: group.lastMsgTime,
    NextMsgSeq: group.nextMsgSeq,
    MemberNum: group.members.size,
    MaxMemberNum: group.maxMemberCount,
    ApplyJoinOption: group.applyJoinOption,
  };
  const view: Record<string, unknown> = {};
  for (const field of BASE_FIELDS) if (fields === undefined || fields.includes(field)) view[field] = all[field];
  return view;
}
