import { Type } from '@sinclair/typebox';
import { defineCommand } from '../../command.js';
import { Errors, VendorError } from '../../errors.js';
import { replySchema, stringEnum } from '../../reply.js';
import { groupCodes, groupFields, groupOf } from '../../rules/groups.js';
import { APPLY_JOIN_OPTIONS, type ApplyJoinOption } from '../../../model/groups.js';
import { planMemberLimit } from '../../../model/group-plan-limits.js';
import { FACE_URL_MAX_BYTES, INTRODUCTION_MAX_BYTES, NAME_MAX_BYTES, NOTIFICATION_MAX_BYTES } from './create_group.js';

interface Changes {
  groupId: string;
  name?: string | undefined;
  introduction?: string | undefined;
  notification?: string | undefined;
  faceUrl?: string | undefined;
  maxMemberNum?: number | undefined;
  applyJoinOption?: ApplyJoinOption | undefined;
}

/**
 * modify_group_base_info (269/1620): changes the fields given, by create_group's limits; a
 * MaxMemberNum below the members the group has, or over its type's limit, is 10004.
 */
export default defineCommand({
  service: 'group_open_http_svc',
  command: 'modify_group_base_info',
  summary: "Change a group's name, introduction, notification, avatar, member limit or join option",
  codes: groupCodes(),
  defaultRateLimit: 200,
  body: Type.Object({
    GroupId: Type.String(),
    Name: Type.Optional(Type.String()),
    Introduction: Type.Optional(Type.String()),
    Notification: Type.Optional(Type.String()),
    FaceUrl: Type.Optional(Type.String()),
    MaxMemberNum: Type.Optional(Type.Integer({ minimum: 1 })),
    ApplyJoinOption: Type.Optional(stringEnum(APPLY_JOIN_OPTIONS)),
  }),
  reply: replySchema(),
  parse(body): Changes {
    const f = groupFields(body);
    const groupId = f.string('GroupId');
    const name = f.optionalString('Name', NAME_MAX_BYTES);
    if (name === '') f.fail('Name may not be empty');
    return {
      groupId,
      name,
      introduction: f.optionalString('Introduction', INTRODUCTION_MAX_BYTES),
      notification: f.optionalString('Notification', NOTIFICATION_MAX_BYTES),
      faceUrl: f.optionalString('FaceUrl', FACE_URL_MAX_BYTES),
      maxMemberNum: f.optionalInteger('MaxMemberNum', 1, Number.MAX_SAFE_INTEGER),
      applyJoinOption: f.optionalOneOf('ApplyJoinOption', APPLY_JOIN_OPTIONS),
    };
  },
  execute(ctx, changes) {
    const group = groupOf(ctx, changes.groupId);
    const { maxMemberNum } = changes;
    const limit = planMemberLimit(ctx.app.settings.plan, group.type);
    if (maxMemberNum !== undefined && (maxMemberNum < group.members.size || maxMemberNum > limit)) {
      throw new VendorError(Errors.GroupBadParam, `MaxMemberNum must be from ${group.members.size} to ${limit}`);
    }
    if (changes.name !== undefined) group.name = changes.name;
    if (changes.introduction !== undefined) group.introduction = changes.introduction;
    if (changes.notification !== undefined) group.notification = changes.notification;
    if (changes.faceUrl !== undefined) group.faceUrl = changes.faceUrl;
    if (maxMemberNum !== undefined) group.maxMemberCount = maxMemberNum;
    if (changes.applyJoinOption !== undefined) group.applyJoinOption = changes.applyJoinOption;
    ctx.groups.touch(group);
  },
});
