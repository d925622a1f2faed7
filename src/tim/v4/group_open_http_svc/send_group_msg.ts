import { Type } from '@sinclair/typebox';
import { defineCommand, namedAccount } from '../../command.js';
import { Errors } from '../../errors.js';
import { replySchema, stringEnum } from '../../reply.js';
import { groupCodes, groupFields } from '../../rules/groups.js';
import { groupMsgBody } from '../../rules/group-messages.js';
import { PRIORITIES } from '../../../model/group-messages.js';
import { isUint32 } from '../../rules/openim.js';
import { MsgBodySchema, uint32 } from '../../rules/openim-schemas.js';
import { callbackControl } from '../../rules/c2c-callbacks.js';
import { beforeGroupSend, sendGroupMessage, type GroupSend } from '../../rules/group-callbacks.js';

/**
 * send_group_msg (https://cloud.tencent.com/document/product/269/1629): the admin, or a member
 * named by From_Account, sends to every type of group. Each message takes the group's next
 * MsgSeq and the clock's time; the same Random from the same sender within five minutes is the
 * same message (its MsgSeq again, nothing stored). An AVChatRoom keeps no history, nor does a
 * message with OnlineOnlyFlag 1; both still take a MsgSeq. Group.CallbackBeforeSendMsg may refuse
 * (10016), silence or rewrite it; Group.CallbackAfterSendMsg follows (src/tim/rules/group-callbacks.ts).
 */
export default defineCommand({
  service: 'group_open_http_svc',
  command: 'send_group_msg',
  summary: 'Send a message in a group as the admin or a member; answers its MsgSeq and MsgTime',
  codes: groupCodes([Errors.GroupAccountNotFound, Errors.GroupSenderMuted, Errors.GroupRefusedByCallback]),
  defaultRateLimit: 200,
  body: Type.Object({
    GroupId: Type.String(),
    Random: uint32('a message with the same Random from the same sender within 5 minutes is the same message'),
    From_Account: Type.Optional(Type.String({ description: 'a member; absent: the admin sends' })),
    MsgPriority: Type.Optional(stringEnum(PRIORITIES)),
    MsgBody: MsgBodySchema,
    CloudCustomData: Type.Optional(Type.String()),
    OnlineOnlyFlag: Type.Optional(Type.Integer({ minimum: 0, maximum: 1, description: '1: online members only, not kept' })),
    ForbidCallbackControl: Type.Optional(
      Type.Array(Type.String(), { description: 'ForbidBeforeSendMsgCallback and/or ForbidAfterSendMsgCallback: silences those callbacks' }),
    ),
  }),
  reply: replySchema({ MsgTime: Type.Optional(Type.Integer()), MsgSeq: Type.Optional(Type.Integer()) }),
  accountsOf: (body) => namedAccount(body.From_Account),
  parse(body): GroupSend {
    const f = groupFields(body);
    const groupId = f.string('GroupId');
    const random = isUint32(body.Random) ? body.Random : f.fail('Random must be an integer from 0 to 4294967295');
    return {
      groupId,
      random,
      from: f.optionalString('From_Account'),
      priority: f.optionalOneOf('MsgPriority', PRIORITIES) ?? 'Normal',
      body: groupMsgBody(body),
      cloudCustomData: f.optionalString('CloudCustomData'),
      onlineOnly: f.optionalInteger('OnlineOnlyFlag', 0, 1) === 1,
      control: callbackControl(body),
    };
  },
  before: beforeGroupSend,
  execute: sendGroupMessage,
});
