import { Type } from '@sinclair/typebox';
import { defineCommand, namedAccount } from '../../command.js';
import { replySchema } from '../../reply.js';
import { assertNotAvChatRoom, groupCodes, groupFields, groupOf, memberOf } from '../../rules/groups.js';

/** change_group_owner (269/1633): the new owner must be a member (10007 otherwise); the old owner stays a member. */
export default defineCommand({
  service: 'group_open_http_svc',
  command: 'change_group_owner',
  summary: "Make a member the group's owner",
  codes: groupCodes(),
  defaultRateLimit: 200,
  body: Type.Object({ GroupId: Type.String(), NewOwner_Account: Type.String() }),
  reply: replySchema(),
  accountsOf: (body) => namedAccount(body.NewOwner_Account),
  parse(body) {
    const f = groupFields(body);
    return { groupId: f.string('GroupId'), owner: f.string('NewOwner_Account') };
  },
  execute(ctx, { groupId, owner }) {
    const group = groupOf(ctx, groupId);
    assertNotAvChatRoom(group);
    memberOf(group, owner);
    ctx.groups.changeOwner(group, owner);
  },
});
