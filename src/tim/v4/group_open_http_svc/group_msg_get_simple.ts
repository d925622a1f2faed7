import { Type } from '@sinclair/typebox';
import { defineCommand } from '../../command.js';
import { replySchema } from '../../reply.js';
import { groupCodes, groupFields, groupOf } from '../../rules/groups.js';
import { assertKeepsHistory, GroupMsgItem, groupMsgView } from '../../rules/group-messages.js';

/** Messages one call answers (269/2738: "目前一次请求最多返回20条历史消息"); a larger ReqMsgNumber gets 20. */
export const GET_SIMPLE_MAX = 20;

/**
 * group_msg_get_simple (https://cloud.tencent.com/document/product/269/2738): the newest
 * ReqMsgNumber messages with MsgSeq <= ReqMsgSeq (absent: the newest), newest first; the next page
 * asks for the smallest MsgSeq answered minus 1. IsFinished is 1 once nothing older is kept.
 * An AVChatRoom keeps no history (10007).
 */
export default defineCommand({
  service: 'group_open_http_svc',
  command: 'group_msg_get_simple',
  summary: "Read a group's history, newest first, up to 20 messages a call (ReqMsgSeq, ReqMsgNumber)",
  codes: groupCodes(),
  defaultRateLimit: 200,
  body: Type.Object({
    GroupId: Type.String(),
    ReqMsgNumber: Type.Integer({ minimum: 1, description: `answers at most ${GET_SIMPLE_MAX}` }),
    ReqMsgSeq: Type.Optional(Type.Integer({ minimum: 0, description: 'the largest MsgSeq to answer' })),
    WithRecalledMsg: Type.Optional(Type.Integer({ minimum: 0, maximum: 1, description: '1: recalled messages too (IsPlaceMsg 1)' })),
  }),
  reply: replySchema({
    GroupId: Type.Optional(Type.String()),
    IsFinished: Type.Optional(Type.Integer({ description: '1: no older message is kept' })),
    RspMsgList: Type.Optional(Type.Array(GroupMsgItem)),
  }),
  parse(body) {
    const f = groupFields(body);
    const groupId = f.string('GroupId');
    const number = f.optionalInteger('ReqMsgNumber', 1, Number.MAX_SAFE_INTEGER) ?? f.fail('ReqMsgNumber is required');
    return {
      groupId,
      count: Math.min(number, GET_SIMPLE_MAX),
      upTo: f.optionalInteger('ReqMsgSeq', 0, Number.MAX_SAFE_INTEGER),
      withRecalled: f.optionalInteger('WithRecalledMsg', 0, 1) === 1,
    };
  },
  execute(ctx, { groupId, count, upTo, withRecalled }) {
    const group = groupOf(ctx, groupId);
    assertKeepsHistory(group);
    const { messages, finished } = ctx.groups.history.page(group, upTo ?? Number.MAX_SAFE_INTEGER, count, withRecalled);
    return { GroupId: groupId, IsFinished: finished ? 1 : 0, RspMsgList: messages.map(groupMsgView) };
  },
});
