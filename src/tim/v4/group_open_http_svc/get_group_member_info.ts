import { Type } from '@sinclair/typebox';
import { defineCommand } from '../../command.js';
import { replySchema } from '../../reply.js';
import { isString } from '../../rules/fields.js';
import { MEMBER_FIELDS, MemberInfo, memberView } from '../../rules/group-views.js';
import { groupCodes, groupFields, groupOf } from '../../rules/groups.js';

/** The most members one page holds (269/1617: Limit "不得超过6000"). */
export const MEMBER_PAGE_MAX = 6000;

/** get_group_member_info: a group's members in the order they joined, Limit at a time from Offset. */
export default defineCommand({
  service: 'group_open_http_svc',
  command: 'get_group_member_info',
  summary: "Read a group's members (Limit up to 6000, Offset, MemberInfoFilter, MemberRoleFilter)",
  codes: groupCodes(),
  defaultRateLimit: 200,
  body: Type.Object({
    GroupId: Type.String(),
    Limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MEMBER_PAGE_MAX })),
    Offset: Type.Optional(Type.Integer({ minimum: 0 })),
    MemberInfoFilter: Type.Optional(Type.Array(Type.String({ description: MEMBER_FIELDS.join(', ') }))),
    MemberRoleFilter: Type.Optional(Type.Array(Type.String({ description: 'Owner, Admin, Member' }))),
  }),
  reply: replySchema({
    MemberNum: Type.Optional(Type.Integer({ description: "the group's members" })),
    MemberList: Type.Optional(Type.Array(MemberInfo)),
  }),
  parse(body) {
    const f = groupFields(body);
    return {
      groupId: f.string('GroupId'),
      limit: f.optionalInteger('Limit', 1, MEMBER_PAGE_MAX) ?? MEMBER_PAGE_MAX,
      offset: f.optionalInteger('Offset', 0, Number.MAX_SAFE_INTEGER) ?? 0,
      fields: f.optionalList('MemberInfoFilter', isString, 'a field name', MEMBER_FIELDS.length),
      roles: f.optionalList('MemberRoleFilter', isString, 'a role', 3),
    };
  },
  execute(ctx, { groupId, limit, offset, fields, roles }) {
    const group = groupOf(ctx, groupId);
    const wanted = (role: string) => roles === undefined || roles.length === 0 || roles.includes(role);
    const members = [...group.members.values()].filter((m) => wanted(m.role));
    return {
      MemberNum: group.members.size,
      MemberList: members.slice(offset, offset + limit).map((m) => memberView(m, fields)),
    };
  },
});
