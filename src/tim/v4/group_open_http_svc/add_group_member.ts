import { Type } from '@sinclair/typebox';
import { defineCommand } from '../../command.js';
import { Errors, VendorError } from '../../errors.js';
import { replySchema } from '../../reply.js';
import { hasString } from '../../rules/fields.js';
import { assertNotAvChatRoom, groupCodes, groupFields, groupOf } from '../../rules/groups.js';
import { accountsIn } from '../../rules/item-list.js';
import { memberRoom } from '../../rules/plan-limits.js';
import { isRecord } from '../../../shared/is-record.js';
import { membersJoined } from '../../rules/callback-events.js';

/** Members added in one call (269/1621: "一次最多添加300个成员"). */
export const ADD_MEMBERS_MAX = 300;
/** Result values of add_group_member (269/1621). */
export const ADD_FAILED = 0;
export const ADD_ADDED = 1;
export const ADD_ALREADY = 2;

const memberAccountOf = (m: unknown): unknown => (isRecord(m) ? m.Member_Account : undefined);

/**
 * add_group_member: adds up to 300 members. Each entry's Result: 1 added, 2 already a member,
 * 0 failed (no such account, or it is in too many groups). An AVChatRoom refuses the call
 * (10007); more members than the group may hold refuse it all (10038) and change nothing.
 */
export default defineCommand({
  service: 'group_open_http_svc',
  command: 'add_group_member',
  summary: 'Add 1 to 300 members to a group; per-member Result 0 (failed), 1 (added), 2 (already a member)',
  codes: groupCodes([Errors.GroupMembersOverLimit]),
  defaultRateLimit: 200,
  body: Type.Object({
    GroupId: Type.String(),
    Silence: Type.Optional(Type.Integer({ minimum: 0, maximum: 1, description: '1: the members are added without a notice' })),
    MemberList: Type.Array(Type.Object({ Member_Account: Type.String() }), { minItems: 1, maxItems: ADD_MEMBERS_MAX }),
  }),
  reply: replySchema({
    MemberList: Type.Optional(Type.Array(Type.Object({ Member_Account: Type.String(), Result: Type.Integer({ description: '0 failed, 1 added, 2 already a member' }) }))),
  }),
  accountsOf: (body) => accountsIn(body.MemberList, memberAccountOf),
  parse(body) {
    const f = groupFields(body);
    const groupId = f.string('GroupId');
    f.optionalInteger('Silence', 0, 1);
    const accounts = f.list('MemberList', hasString('Member_Account'), 'an object with a Member_Account', ADD_MEMBERS_MAX).map((m) => m.Member_Account as string);
    return { groupId, accounts };
  },
  execute(ctx, { groupId, accounts }) {
    const { app, store, groups } = ctx;
    const group = groupOf(ctx, groupId);
    assertNotAvChatRoom(group);
    const fresh = new Set(accounts.filter((a) => !group.members.has(a) && store.get(app.sdkappid, a) !== undefined));
    if (fresh.size > 0 && group.members.size + fresh.size > memberRoom(ctx, group)) {
      throw new VendorError(Errors.GroupMembersOverLimit);
    }
    const result = (account: string): number => {
      if (group.members.has(account)) return ADD_ALREADY;
      if (!fresh.has(account)) return ADD_FAILED;
      return groups.addMember(app.sdkappid, group, account).ok ? ADD_ADDED : ADD_FAILED;
    };
    const list = accounts.map((account) => ({ Member_Account: account, Result: result(account) }));
    if (fresh.size > 0) groups.touch(group);
    membersJoined(ctx, group, [...fresh].filter((a) => group.members.has(a)));
    return { MemberList: list };
  },
});
