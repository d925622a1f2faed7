import { Type } from '@sinclair/typebox';
import { defineCommand } from '../../command.js';
import { replySchema } from '../../reply.js';
import { groupCodes, groupFields, groupOf } from '../../rules/groups.js';

/** destroy_group: the group is gone for every member (269/1624); its id answers 10010 from then on. */
export default defineCommand({
  service: 'group_open_http_svc',
  command: 'destroy_group',
  summary: 'Destroy a group; every member leaves it',
  codes: groupCodes(),
  defaultRateLimit: 200,
  body: Type.Object({ GroupId: Type.String() }),
  reply: replySchema(),
  parse: (body) => groupFields(body).string('GroupId'),
  execute(ctx, groupId) {
    ctx.groups.destroy(ctx.app.sdkappid, groupOf(ctx, groupId));
  },
});
