import { Type } from '@sinclair/typebox';
import { defineCommand, namedAccount } from '../../command.js';
import { Errors, VendorError } from '../../errors.js';
import { replySchema } from '../../reply.js';
import { assertAccount, groupFields } from '../../rules/groups.js';
import { unixSeconds } from '../../../model/clock.js';
import createGroup, { withinPlan } from './create_group.js';

/**
 * import_group (https://cloud.tencent.com/document/product/269/1634): create_group's fields and
 * rules for a group moved from another system, with its CreateTime (unix seconds, not in the
 * future) and without members, which import_group_member brings. An AVChatRoom cannot be imported (10007).
 */
export default defineCommand({
  service: 'group_open_http_svc',
  command: 'import_group',
  summary: "Import a group with its CreateTime (create_group's fields, no MemberList)",
  codes: createGroup.codes,
  defaultRateLimit: 200,
  body: Type.Object({
    ...Type.Omit(createGroup.body, ['MemberList']).properties,
    CreateTime: Type.Optional(Type.Integer({ minimum: 0, description: 'unix seconds, not in the future; absent: now' })),
  }),
  reply: replySchema({ GroupId: Type.Optional(Type.String({ description: 'on OK: the imported group' })) }),
  accountsOf: (body) => namedAccount(body.Owner_Account),
  parse(body) {
    const f = groupFields(body);
    if (body.MemberList !== undefined) f.fail('import_group takes no MemberList: import members with import_group_member');
    const spec = createGroup.parse(body);
    if (spec.type === 'AVChatRoom') throw new VendorError(Errors.GroupNoPermission, 'an AVChatRoom cannot be imported');
    return { ...spec, createTime: f.optionalInteger('CreateTime', 0, Number.MAX_SAFE_INTEGER) };
  },
  execute(ctx, spec) {
    if (spec.createTime !== undefined && spec.createTime > unixSeconds(ctx.clock)) {
      throw new VendorError(Errors.GroupBadParam, 'CreateTime is in the future');
    }
    if (spec.owner !== undefined) assertAccount(ctx, spec.owner);
    const outcome = ctx.groups.create(ctx.app.sdkappid, withinPlan(ctx, spec));
    if (!outcome.ok) throw new VendorError(outcome.reason === 'group-id-used' ? Errors.GroupIdUsed : Errors.GroupJoinedTooMany, outcome.account);
    return { GroupId: outcome.value.groupId };
  },
});
