import { Type } from '@sinclair/typebox';
import { defineCommand } from '../../command.js';
import { replySchema, stringEnum } from '../../reply.js';
import { groupCodes, groupFields } from '../../rules/groups.js';
import { GROUP_TYPES } from '../../../model/groups.js';

/** The most groups one page holds, and the default (269/1614: Limit "最大值 10000"). */
export const APPID_GROUPS_MAX = 10_000;

/** get_appid_group_list: the app's groups in creation order, a page at a time (Limit, Next; Next 0 when done). */
export default defineCommand({
  service: 'group_open_http_svc',
  command: 'get_appid_group_list',
  summary: "List the app's groups, Limit at a time from Next (0 first; the reply's Next is 0 on the last page)",
  codes: groupCodes(),
  defaultRateLimit: 200,
  body: Type.Object({
    Limit: Type.Optional(Type.Integer({ minimum: 1, maximum: APPID_GROUPS_MAX })),
    Next: Type.Optional(Type.Integer({ minimum: 0 })),
    GroupType: Type.Optional(stringEnum(GROUP_TYPES)),
  }),
  reply: replySchema({
    TotalCount: Type.Optional(Type.Integer({ description: "the app's groups" })),
    GroupIdList: Type.Optional(Type.Array(Type.Object({ GroupId: Type.String() }))),
    Next: Type.Optional(Type.Integer({ description: 'where the next page starts; 0: no more' })),
  }),
  parse(body) {
    const f = groupFields(body);
    return {
      limit: f.optionalInteger('Limit', 1, APPID_GROUPS_MAX) ?? APPID_GROUPS_MAX,
      next: f.optionalInteger('Next', 0, Number.MAX_SAFE_INTEGER) ?? 0,
      type: f.optionalOneOf('GroupType', GROUP_TYPES),
    };
  },
  execute({ app, groups }, { limit, next, type }) {
    const page = groups.page(app.sdkappid, next, limit, type);
    return {
      TotalCount: groups.count(app.sdkappid),
      GroupIdList: page.groups.map((g) => ({ GroupId: g.groupId })),
      Next: page.next,
    };
  },
});
