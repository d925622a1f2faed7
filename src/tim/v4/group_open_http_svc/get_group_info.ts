import { Type } from '@sinclair/typebox';
import { defineCommand } from '../../command.js';
import { Errors } from '../../errors.js';
import { replySchema } from '../../reply.js';
import { isNonEmptyString, isString } from '../../rules/fields.js';
import { BASE_FIELDS, baseView, GroupInfo, MEMBER_FIELDS, memberView } from '../../rules/group-views.js';
import { groupCodes, groupFields } from '../../rules/groups.js';
import { isRecord } from '../../../shared/is-record.js';

/** Groups in one call (269/1616: "最多50个"). */
export const GROUP_INFO_MAX = 50;

interface Input {
  groupIds: string[];
  base: string[] | undefined;
  members: string[] | undefined;
  /** Whether MemberList is answered: without a filter, or with a MemberInfoFilter. */
  withMembers: boolean;
}

/** get_group_info: each group's base info and members; a group that does not exist answers 10010 in its entry. */
export default defineCommand({
  service: 'group_open_http_svc',
  command: 'get_group_info',
  summary: 'Read 1 to 50 groups (ResponseFilter picks base and member fields)',
  codes: groupCodes(),
  defaultRateLimit: 200,
  body: Type.Object({
    GroupIdList: Type.Array(Type.String(), { minItems: 1, maxItems: GROUP_INFO_MAX }),
    ResponseFilter: Type.Optional(
      Type.Object({
        GroupBaseInfoFilter: Type.Optional(Type.Array(Type.String({ description: BASE_FIELDS.join(', ') }))),
        MemberInfoFilter: Type.Optional(Type.Array(Type.String({ description: MEMBER_FIELDS.join(', ') }))),
      }),
    ),
  }),
  reply: replySchema({ GroupInfo: Type.Optional(Type.Array(GroupInfo, { description: 'on OK: one entry per GroupIdList entry, in request order' })) }),
  parse(body): Input {
    const f = groupFields(body);
    const groupIds = f.list('GroupIdList', isNonEmptyString, 'a group id', GROUP_INFO_MAX);
    const filter = body.ResponseFilter;
    if (filter === undefined) return { groupIds, base: undefined, members: undefined, withMembers: true };
    if (!isRecord(filter)) return f.fail('ResponseFilter must be an object');
    const ff = groupFields(filter);
    const base = ff.optionalList('GroupBaseInfoFilter', isString, 'a field name', BASE_FIELDS.length + MEMBER_FIELDS.length);
    const members = ff.optionalList('MemberInfoFilter', isString, 'a field name', BASE_FIELDS.length + MEMBER_FIELDS.length);
    return { groupIds, base: base ?? [], members, withMembers: members !== undefined };
  },
  execute: ({ app, groups }, { groupIds, base, members, withMembers }) => ({
    GroupInfo: groupIds.map((GroupId) => {
      const group = groups.get(app.sdkappid, GroupId);
      const { code, info } = Errors.GroupNotFound;
      if (group === undefined) return { GroupId, ErrorCode: code, ErrorInfo: info };
      return {
        GroupId,
        ErrorCode: 0,
        ErrorInfo: '',
        ...baseView(group, base),
        ...(withMembers && { MemberList: [...group.members.values()].map((m) => memberView(m, members)) }),
      };
    }),
  }),
});
