import { Type } from '@sinclair/typebox';
import { defineCommand } from '../../command.js';
import { replySchema } from '../../reply.js';
import { groupCodes, groupFields, groupOf } from '../../rules/groups.js';
import { groupDestroyed } from '../../rules/callback-events.js';

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
    const group = groupOf(ctx, groupId);
    groupDestroyed(ctx, group); // its payload names the members, so it is made before they go
    ctx.groups.destroy(ctx.app.sdkappid, group);
  },
});
