import { Type } from '@sinclair/typebox';
import { defineCommand, namedAccount } from '../../command.js';
import { Errors } from '../../errors.js';
import { replySchema, stringEnum } from '../../reply.js';
import { groupCodes, groupFields, groupOf } from '../../rules/groups.js';
import { groupMsgBody, senderOf } from '../../rules/group-messages.js';
import { PRIORITIES } from '../../../model/group-messages.js';
import { isUint32 } from '../../rules/openim.js';
import { MsgBodySchema, uint32 } from '../../rules/openim-schemas.js';
import { unixSeconds } from '../../../model/clock.js';

/**
 * send_group_msg (https://cloud.tencent.com/document/product/269/1629): the admin, or a member
 * named by From_Account, sends to every type of group. Each message takes the group's next
 * MsgSeq and the clock's time; the same Random from the same sender within five minutes is the
 * same message (its MsgSeq again, nothing stored). An AVChatRoom keeps no history, nor does a
 * message with OnlineOnlyFlag 1; both still take a MsgSeq.
 */
export default defineCommand({
  service: 'group_open_http_svc',
  command: 'send_group_msg',
  summary: 'Send a message in a group as the admin or a member; answers its MsgSeq and MsgTime',
  codes: groupCodes([Errors.GroupAccountNotFound, Errors.GroupSenderMuted]),
  defaultRateLimit: 200,
  body: Type.Object({
    GroupId: Type.String(),
    Random: uint32('a message with the same Random from the same sender within 5 minutes is the same message'),
    From_Account: Type.Optional(Type.String({ description: 'a member; absent: the admin sends' })),
    MsgPriority: Type.Optional(stringEnum(PRIORITIES)),
    MsgBody: MsgBodySchema,
    CloudCustomData: Type.Optional(Type.String()),
    OnlineOnlyFlag: Type.Optional(Type.Integer({ minimum: 0, maximum: 1, description: '1: online members only, not kept' })),
  }),
  reply: replySchema({ MsgTime: Type.Optional(Type.Integer()), MsgSeq: Type.Optional(Type.Integer()) }),
  accountsOf: (body) => namedAccount(body.From_Account),
  parse(body) {
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
    };
  },
  execute(ctx, { groupId, random, from, priority, body, cloudCustomData, onlineOnly }) {
    const group = groupOf(ctx, groupId);
    const sender = senderOf(ctx, group, from);
    const now = unixSeconds(ctx.clock);
    const history = ctx.groups.history;
    const sent =
      history.duplicate(group, sender, random, now) ??
      history.append(group, { random, time: now, from: sender, body, priority, cloudCustomData }, group.type !== 'AVChatRoom' && !onlineOnly);
    return { MsgTime: sent.time, MsgSeq: sent.seq };
  },
});
