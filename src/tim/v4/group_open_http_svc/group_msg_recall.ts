import { Type } from '@sinclair/typebox';
import { defineCommand } from '../../command.js';
import { Errors } from '../../errors.js';
import { replySchema } from '../../reply.js';
import { groupCodes, groupFields, groupOf } from '../../rules/groups.js';
import { isRecord } from '../../../shared/is-record.js';

/** Messages one call recalls (269/12341: "一次请求最多可以撤回10条消息"). */
export const RECALL_MAX = 10;

const SeqItem = Type.Object({ MsgSeq: Type.Integer({ minimum: 0 }) });

const hasSeq = (entry: unknown): entry is { MsgSeq: number } =>
  isRecord(entry) && Number.isSafeInteger(entry.MsgSeq) && (entry.MsgSeq as number) >= 0;

/**
 * group_msg_recall (https://cloud.tencent.com/document/product/269/12341): recalls up to 10
 * messages by MsgSeq, each with its RetCode: 0, or 10030 for a message the group does not keep
 * (never sent, dropped past the cap, or already recalled). A recalled message keeps its seq.
 */
export default defineCommand({
  service: 'group_open_http_svc',
  command: 'group_msg_recall',
  summary: 'Recall 1 to 10 group messages by MsgSeq; a RetCode per message (0, or 10030 when not found)',
  codes: groupCodes([Errors.GroupMsgNotFound]),
  defaultRateLimit: 200,
  body: Type.Object({
    GroupId: Type.String(),
    MsgSeqList: Type.Array(SeqItem, { minItems: 1, maxItems: RECALL_MAX }),
  }),
  reply: replySchema({
    RecallRetList: Type.Optional(
      Type.Array(Type.Object({ MsgSeq: Type.Integer(), RetCode: Type.Integer({ description: '0, or 10030' }) })),
    ),
  }),
  parse(body) {
    const f = groupFields(body);
    const groupId = f.string('GroupId');
    const seqs = f.list('MsgSeqList', hasSeq, 'an object with a MsgSeq', RECALL_MAX).map((e) => e.MsgSeq);
    return { groupId, seqs };
  },
  execute(ctx, { groupId, seqs }) {
    const group = groupOf(ctx, groupId);
    const recall = (seq: number): number => {
      const message = ctx.groups.history.find(group, seq);
      if (message === undefined || message.recalled) return Errors.GroupMsgNotFound.code;
      message.recalled = true;
      return 0;
    };
    return { RecallRetList: seqs.map((seq) => ({ MsgSeq: seq, RetCode: recall(seq) })) };
  },
});
