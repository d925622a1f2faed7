import { Type } from '@sinclair/typebox';
import { defineCommand, namedAccount } from '../../command.js';
import { Errors, VendorError } from '../../errors.js';
import { unixSeconds } from '../../../model/clock.js';
import { replySchema, stringEnum } from '../../reply.js';
import { groupCodes, groupFields, groupOf, memberOf, muteEnd, MUTE_SECONDS_MAX } from '../../rules/groups.js';

/** The longest NameCard, in bytes (269/1623). */
export const NAME_CARD_MAX_BYTES = 50;
const MSG_FLAGS = ['AcceptAndNotify', 'Discard', 'AcceptNotNotify'] as const;

/**
 * modify_group_member_info (269/1623): a member's Role (Admin or Member; the owner's role is
 * changed only by change_group_owner, 10004), NameCard, MsgFlag and ShutUpTime (seconds, 0 ends a mute).
 */
export default defineCommand({
  service: 'group_open_http_svc',
  command: 'modify_group_member_info',
  summary: "Change a member's role, name card, message flag or mute",
  codes: groupCodes(),
  defaultRateLimit: 200,
  body: Type.Object({
    GroupId: Type.String(),
    Member_Account: Type.String(),
    Role: Type.Optional(stringEnum(['Admin', 'Member'])),
    NameCard: Type.Optional(Type.String({ description: `at most ${NAME_CARD_MAX_BYTES} bytes` })),
    MsgFlag: Type.Optional(stringEnum(MSG_FLAGS)),
    ShutUpTime: Type.Optional(Type.Integer({ minimum: 0, maximum: MUTE_SECONDS_MAX })),
  }),
  reply: replySchema(),
  accountsOf: (body) => namedAccount(body.Member_Account),
  parse(body) {
    const f = groupFields(body);
    return {
      groupId: f.string('GroupId'),
      account: f.string('Member_Account'),
      role: f.optionalOneOf('Role', ['Admin', 'Member'] as const),
      nameCard: f.optionalString('NameCard', NAME_CARD_MAX_BYTES),
      msgFlag: f.optionalOneOf('MsgFlag', MSG_FLAGS),
      shutUpTime: f.optionalInteger('ShutUpTime', 0, MUTE_SECONDS_MAX),
    };
  },
  execute(ctx, input) {
    const group = groupOf(ctx, input.groupId);
    const member = memberOf(group, input.account);
    if (input.role !== undefined && member.role === 'Owner') throw new VendorError(Errors.GroupBadParam, "the owner's role changes by change_group_owner");
    if (input.role !== undefined) member.role = input.role;
    if (input.nameCard !== undefined) member.nameCard = input.nameCard;
    if (input.msgFlag !== undefined) member.msgFlag = input.msgFlag;
    const { shutUpTime } = input;
    if (shutUpTime !== undefined) member.shutUpUntil = muteEnd(shutUpTime, unixSeconds(ctx.clock));
  },
});
