import { Type } from '@sinclair/typebox';
import { defineCommand } from '../../command.js';
import { replySchema } from '../../reply.js';
import { isRecordItem } from '../../rules/fields.js';
import { groupMsgBody } from '../../rules/group-messages.js';
import { assertNotAvChatRoom, groupCodes, groupFields, groupOf } from '../../rules/groups.js';
import { isUint32 } from '../../rules/openim.js';
import { MsgBodySchema, uint32 } from '../../rules/openim-schemas.js';
import { unixSeconds } from '../../../model/clock.js';
import { isRecord } from '../../../shared/is-record.js';

/** Messages one call imports (269/1635: "一次最多导入7条"). */
export const IMPORT_MSGS_MAX = 7;
/** ImportMsgResult's Result: 0 imported, 1 refused (its SendTime breaks the order rule). */
export const IMPORTED = 0;
export const IMPORT_REFUSED = 1;

const ImportItem = Type.Object({
  From_Account: Type.String(),
  SendTime: Type.Integer({ description: 'unix seconds: increasing, after the group was created and its latest message, before now' }),
  Random: Type.Optional(uint32('the message random')),
  MsgBody: MsgBodySchema,
});

/**
 * import_group_msg (https://cloud.tencent.com/document/product/269/1635): up to 7 messages moved
 * from another system, in increasing SendTime, each after the group's creation and its latest
 * message and before now; a message that breaks the rule gets Result 1 and is not kept, the
 * others take the group's next MsgSeq. An AVChatRoom takes no imports (10007).
 */
export default defineCommand({
  service: 'group_open_http_svc',
  command: 'import_group_msg',
  summary: 'Import 1 to 7 group messages in increasing SendTime; per-message Result, MsgSeq and MsgTime',
  codes: groupCodes(),
  defaultRateLimit: 200,
  body: Type.Object({
    GroupId: Type.String(),
    RecentContactFlag: Type.Optional(Type.Integer({ minimum: 0, maximum: 1 })),
    MsgList: Type.Array(ImportItem, { minItems: 1, maxItems: IMPORT_MSGS_MAX }),
  }),
  reply: replySchema({
    ImportMsgResult: Type.Optional(
      Type.Array(Type.Object({ Result: Type.Integer({ description: '0 imported, 1 refused' }), MsgTime: Type.Integer(), MsgSeq: Type.Optional(Type.Integer()) })),
    ),
  }),
  accountsOf: (body) => (Array.isArray(body.MsgList) ? body.MsgList.map((m) => (isRecord(m) ? m.From_Account : undefined)).filter((a) => typeof a === 'string') : []),
  parse(body) {
    const f = groupFields(body);
    const groupId = f.string('GroupId');
    f.optionalInteger('RecentContactFlag', 0, 1);
    const messages = f.list('MsgList', isRecordItem, 'a message object', IMPORT_MSGS_MAX).map((entry) => {
      const m = groupFields(entry);
      return {
        from: m.string('From_Account'),
        time: m.optionalInteger('SendTime', 0, Number.MAX_SAFE_INTEGER) ?? m.fail('SendTime is required'),
        random: entry.Random === undefined ? 0 : isUint32(entry.Random) ? entry.Random : m.fail('Random must be an integer from 0 to 4294967295'),
        body: groupMsgBody(entry),
      };
    });
    return { groupId, messages };
  },
  execute(ctx, { groupId, messages }) {
    const group = groupOf(ctx, groupId);
    assertNotAvChatRoom(group);
    const now = unixSeconds(ctx.clock);
    const results = messages.map((m) => {
      const after = Math.max(group.createTime, group.lastMsgTime);
      if (m.time <= after || m.time >= now) return { Result: IMPORT_REFUSED, MsgTime: m.time };
      const stored = ctx.groups.history.append(group, { ...m, priority: 'Normal' });
      return { Result: IMPORTED, MsgTime: stored.time, MsgSeq: stored.seq };
    });
    return { ImportMsgResult: results };
  },
});
