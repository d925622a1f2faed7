import { Type } from '@sinclair/typebox';
import { defineCommand } from '../../command.js';
import { Errors, VendorError } from '../../errors.js';
import { replySchema, stringEnum } from '../../reply.js';
import { hasString } from '../../rules/fields.js';
import { assertNotAvChatRoom, groupCodes, groupFields, groupOf } from '../../rules/groups.js';
import { accountsIn } from '../../rules/item-list.js';
import { memberRoom } from '../../rules/plan-limits.js';
import { unixSeconds } from '../../../model/clock.js';
import { isRecord } from '../../../shared/is-record.js';
import { ADD_ADDED, ADD_ALREADY, ADD_FAILED } from './add_group_member.js';

/** Members one call imports (269/1636: "一次最多导入300个成员"). */
export const IMPORT_MEMBERS_MAX = 300;

interface Imported {
  account: string;
  role: 'Admin' | 'Member';
  joinTime: number | undefined;
}

function importedMember(entry: Record<string, unknown>): Imported {
  const f = groupFields(entry);
  return {
    account: f.string('Member_Account'),
    role: f.optionalOneOf('Role', ['Admin'] as const) ?? 'Member',
    joinTime: f.optionalInteger('JoinTime', 0, Number.MAX_SAFE_INTEGER),
  };
}

/**
 * import_group_member (https://cloud.tencent.com/document/product/269/1636): members moved from
 * another system, each with its Role (Admin, or an ordinary member) and JoinTime (absent: now).
 * Per member, Result 1 imported, 2 already a member, 0 failed: no such account, in too many
 * groups, or a JoinTime before the group's CreateTime or in the future. More members than the
 * group holds refuse the call (10038); an AVChatRoom takes no imports (10007).
 */
export default defineCommand({
  service: 'group_open_http_svc',
  command: 'import_group_member',
  summary: 'Import 1 to 300 members with Role and JoinTime; per-member Result 0, 1 or 2',
  codes: groupCodes([Errors.GroupMembersOverLimit]),
  defaultRateLimit: 200,
  body: Type.Object({
    GroupId: Type.String(),
    MemberList: Type.Array(
      Type.Object({
        Member_Account: Type.String(),
        Role: Type.Optional(stringEnum(['Admin'])),
        JoinTime: Type.Optional(Type.Integer({ minimum: 0, description: "unix seconds, from the group's CreateTime to now" })),
        UnreadMsgNum: Type.Optional(Type.Integer({ minimum: 0, description: 'accepted, not kept' })),
      }),
      { minItems: 1, maxItems: IMPORT_MEMBERS_MAX },
    ),
  }),
  reply: replySchema({
    MemberList: Type.Optional(Type.Array(Type.Object({ Member_Account: Type.String(), Result: Type.Integer({ description: '0 failed, 1 imported, 2 already a member' }) }))),
  }),
  accountsOf: (body) => accountsIn(body.MemberList, (m) => (isRecord(m) ? m.Member_Account : undefined)),
  parse(body) {
    const f = groupFields(body);
    const groupId = f.string('GroupId');
    const list = f.list('MemberList', hasString('Member_Account'), 'an object with a Member_Account', IMPORT_MEMBERS_MAX);
    list.forEach((entry) => groupFields(entry).optionalInteger('UnreadMsgNum', 0, Number.MAX_SAFE_INTEGER));
    return { groupId, members: list.map(importedMember) };
  },
  execute(ctx, { groupId, members }) {
    const { app, store, groups } = ctx;
    const group = groupOf(ctx, groupId);
    assertNotAvChatRoom(group);
    const now = unixSeconds(ctx.clock);
    const timely = (t: number | undefined) => t === undefined || (t >= group.createTime && t <= now);
    const admissible = (m: Imported) =>
      !group.members.has(m.account) && store.get(app.sdkappid, m.account) !== undefined && timely(m.joinTime);
    const fresh = new Set(members.filter(admissible).map((m) => m.account));
    if (fresh.size > 0 && group.members.size + fresh.size > memberRoom(ctx, group)) {
      throw new VendorError(Errors.GroupMembersOverLimit);
    }
    const result = ({ account, role, joinTime }: Imported): number => {
      if (group.members.has(account)) return ADD_ALREADY;
      if (!fresh.has(account)) return ADD_FAILED;
      return groups.addMember(app.sdkappid, group, account, role, joinTime).ok ? ADD_ADDED : ADD_FAILED;
    };
    const list = members.map((m) => ({ Member_Account: m.account, Result: result(m) }));
    if (fresh.size > 0) groups.touch(group);
    return { MemberList: list };
  },
});
