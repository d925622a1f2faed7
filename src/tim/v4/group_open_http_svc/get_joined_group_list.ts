import { Type } from '@sinclair/typebox';
import { defineCommand, namedAccount } from '../../command.js';
import { replySchema, stringEnum } from '../../reply.js';
import { assertAccount, groupCodes, groupFields } from '../../rules/groups.js';
import { GROUP_TYPES, type Group } from '../../../model/groups.js';

/** get_joined_group_list (269/1625): the groups an account is in, AVChatRoom ones only when GroupType asks for them. */
export default defineCommand({
  service: 'group_open_http_svc',
  command: 'get_joined_group_list',
  summary: 'List the groups an account is in (Limit, Offset, GroupType)',
  codes: groupCodes(),
  defaultRateLimit: 200,
  body: Type.Object({
    Member_Account: Type.String(),
    Limit: Type.Optional(Type.Integer({ minimum: 1 })),
    Offset: Type.Optional(Type.Integer({ minimum: 0 })),
    GroupType: Type.Optional(stringEnum(GROUP_TYPES)),
  }),
  reply: replySchema({
    TotalCount: Type.Optional(Type.Integer()),
    GroupIdList: Type.Optional(
      Type.Array(Type.Object({ GroupId: Type.String(), Type: Type.String(), Name: Type.String() })),
    ),
  }),
  accountsOf: (body) => namedAccount(body.Member_Account),
  parse(body) {
    const f = groupFields(body);
    return {
      account: f.string('Member_Account'),
      limit: f.optionalInteger('Limit', 1, Number.MAX_SAFE_INTEGER),
      offset: f.optionalInteger('Offset', 0, Number.MAX_SAFE_INTEGER) ?? 0,
      type: f.optionalOneOf('GroupType', GROUP_TYPES),
    };
  },
  execute(ctx, { account, limit, offset, type }) {
    assertAccount(ctx, account);
    const { app, groups } = ctx;
    const joined = groups
      .joinedBy(app.sdkappid, account)
      .map((id) => groups.get(app.sdkappid, id) as Group)
      .filter((g) => (type === undefined ? g.type !== 'AVChatRoom' : g.type === type));
    const page = joined.slice(offset, limit === undefined ? undefined : offset + limit);
    return {
      TotalCount: joined.length,
      GroupIdList: page.map((g) => ({ GroupId: g.groupId, Type: g.type, Name: g.name })),
    };
  },
});
