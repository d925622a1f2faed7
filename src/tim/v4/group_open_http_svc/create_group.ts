import { Buffer } from 'node:buffer';
import { Type } from '@sinclair/typebox';
import { defineCommand, namedAccount, type CommandContext } from '../../command.js';
import { Errors, VendorError } from '../../errors.js';
import { replySchema, stringEnum } from '../../reply.js';
import { hasString } from '../../rules/fields.js';
import { assertAccount, groupCodes, groupFields } from '../../rules/groups.js';
import { accountsIn } from '../../rules/item-list.js';
import {
  APPLY_JOIN_OPTIONS,
  COMMUNITY_PREFIX,
  GENERATED_PREFIX,
  GROUP_ID_MAX_BYTES,
  GROUP_TYPES,
  MEMBER_LIMITS,
  type NewGroup,
} from '../../../model/groups.js';
import { isRecord } from '../../../shared/is-record.js';
import { groupCreated } from '../../rules/callback-events.js';
import { assertRoomForGroup } from '../../rules/plan-limits.js';
import { planMemberLimit } from '../../../model/group-plan-limits.js';

/** Initial members in one create_group call (269/1615: "最多100个"). */
export const CREATE_MEMBERS_MAX = 100;
/** Byte limits of the group's profile fields (269/1615). */
export const NAME_MAX_BYTES = 30;
export const INTRODUCTION_MAX_BYTES = 240;
export const NOTIFICATION_MAX_BYTES = 300;
export const FACE_URL_MAX_BYTES = 100;

const MemberItem = Type.Object({
  Member_Account: Type.String({ description: 'an imported account' }),
  Role: Type.Optional(stringEnum(['Admin'], { description: 'Admin; absent: an ordinary member' })),
});

/**
 * A custom GroupId: at most 48 bytes; `@TGS#` only as a Community's `@TGS#_` prefix, which a
 * Community id must carry (269/1615); else 10015.
 */
function checkGroupId(groupId: string, type: string): void {
  if (Buffer.byteLength(groupId) > GROUP_ID_MAX_BYTES) throw new VendorError(Errors.GroupIdInvalid, `GroupId is over ${GROUP_ID_MAX_BYTES} bytes`);
  const community = type === 'Community';
  if (community !== groupId.startsWith(COMMUNITY_PREFIX) || (!community && groupId.startsWith(GENERATED_PREFIX))) {
    throw new VendorError(Errors.GroupIdInvalid, `a custom GroupId of a ${type} group ${community ? 'must' : 'may not'} start with ${community ? COMMUNITY_PREFIX : GENERATED_PREFIX}`);
  }
}

/**
 * `spec` once the app's plan has room for the group (10059, 10036), with the plan's member limit
 * as its MaxMemberCount when it names none; a larger MaxMemberCount is 10004 (269/9346).
 */
export function withinPlan(ctx: CommandContext, spec: NewGroup): NewGroup {
  assertRoomForGroup(ctx, spec.type);
  const limit = planMemberLimit(ctx.app.settings.plan, spec.type);
  if (spec.maxMemberCount !== undefined && spec.maxMemberCount > limit) {
    throw new VendorError(Errors.GroupBadParam, `MaxMemberCount is over the plan's ${limit} members`);
  }
  return { ...spec, maxMemberCount: spec.maxMemberCount ?? limit };
}

/** create_group: creates a group of one of the vendor's types, with its owner and initial members. */
export default defineCommand({
  service: 'group_open_http_svc',
  command: 'create_group',
  summary: 'Create a group (Private/Work, Public, ChatRoom/Meeting, AVChatRoom, Community) with owner and members',
  codes: groupCodes([
    Errors.GroupAccountNotFound,
    Errors.GroupIdUsed,
    Errors.GroupJoinedTooMany,
    Errors.GroupMembersOverLimit,
    Errors.GroupCountOverLimit,
    Errors.GroupNotUltimate,
  ]),
  defaultRateLimit: 200,
  body: Type.Object({
    Owner_Account: Type.Optional(Type.String({ description: 'the owner, an imported account; absent: no owner' })),
    Type: stringEnum(GROUP_TYPES, { description: 'the group type' }),
    GroupId: Type.Optional(Type.String({ description: `a custom id, at most ${GROUP_ID_MAX_BYTES} bytes, not starting with @TGS# (a Community's with @TGS#_)` })),
    Name: Type.String({ description: `1 to ${NAME_MAX_BYTES} bytes` }),
    Introduction: Type.Optional(Type.String({ description: `at most ${INTRODUCTION_MAX_BYTES} bytes` })),
    Notification: Type.Optional(Type.String({ description: `at most ${NOTIFICATION_MAX_BYTES} bytes` })),
    FaceUrl: Type.Optional(Type.String({ description: `at most ${FACE_URL_MAX_BYTES} bytes` })),
    MaxMemberCount: Type.Optional(Type.Integer({ minimum: 1, description: "at most the type's member limit" })),
    ApplyJoinOption: Type.Optional(stringEnum(APPLY_JOIN_OPTIONS)),
    MemberList: Type.Optional(Type.Array(MemberItem, { maxItems: CREATE_MEMBERS_MAX, description: `initial members, at most ${CREATE_MEMBERS_MAX}` })),
  }),
  reply: replySchema({ GroupId: Type.Optional(Type.String({ description: 'on OK: the new group' })) }),
  accountsOf: (body) => [
    ...namedAccount(body.Owner_Account),
    ...accountsIn(body.MemberList, (m) => (isRecord(m) ? m.Member_Account : undefined)),
  ],
  parse(body): NewGroup {
    const f = groupFields(body);
    const owner = f.optionalString('Owner_Account');
    const type = f.optionalOneOf('Type', GROUP_TYPES) ?? f.fail('Type is required');
    const groupId = f.optionalString('GroupId');
    if (groupId !== undefined) checkGroupId(groupId, type);
    const name = f.string('Name', NAME_MAX_BYTES);
    const introduction = f.optionalString('Introduction', INTRODUCTION_MAX_BYTES);
    const notification = f.optionalString('Notification', NOTIFICATION_MAX_BYTES);
    const faceUrl = f.optionalString('FaceUrl', FACE_URL_MAX_BYTES);
    const maxMemberCount = f.optionalInteger('MaxMemberCount', 1, MEMBER_LIMITS[type]);
    const applyJoinOption = f.optionalOneOf('ApplyJoinOption', APPLY_JOIN_OPTIONS);
    const list = f.optionalList('MemberList', hasString('Member_Account'), 'an object with a Member_Account', Number.MAX_SAFE_INTEGER) ?? [];
    if (list.length > CREATE_MEMBERS_MAX) throw new VendorError(Errors.GroupMembersOverLimit, `at most ${CREATE_MEMBERS_MAX} initial members`);
    // An AVChatRoom takes no members at creation (269/1615: 10007).
    if (type === 'AVChatRoom' && list.length > 0) throw new VendorError(Errors.GroupNoPermission, 'an AVChatRoom takes no MemberList');
    const members = list.map((m) => {
      if (m.Role !== undefined && m.Role !== 'Admin') f.fail('MemberList[].Role must be Admin');
      return { account: m.Member_Account as string, role: m.Role === 'Admin' ? ('Admin' as const) : ('Member' as const) };
    });
    const profile = { introduction, notification, faceUrl };
    return { type, groupId, name, owner, ...profile, maxMemberCount, applyJoinOption, members };
  },
  // Every named account must exist (10019); then the plan's limits (10059, 10036, 10004), the id
  // (10021) and the member limits (10038, 10037).
  execute(ctx, spec) {
    for (const account of [...(spec.owner === undefined ? [] : [spec.owner]), ...spec.members.map((m) => m.account)]) {
      assertAccount(ctx, account);
    }
    const outcome = ctx.groups.create(ctx.app.sdkappid, withinPlan(ctx, spec));
    if (!outcome.ok) {
      const entry = { 'group-id-used': Errors.GroupIdUsed, 'joined-too-many': Errors.GroupJoinedTooMany, 'members-over-limit': Errors.GroupMembersOverLimit }[outcome.reason];
      throw new VendorError(entry, outcome.account);
    }
    groupCreated(ctx, outcome.value);
    return { GroupId: outcome.value.groupId };
  },
});
