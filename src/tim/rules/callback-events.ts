import type { Group } from '../../model/groups.js';
import type { CommandContext } from '../command.js';

/**
 * The after-callbacks the emulated commands cause, each with the payload its vendor page
 * documents (the command list: https://cloud.tencent.com/document/product/269/1523). A command
 * calls one of these in a line, after its change is made.
 */

const members = (accounts: Iterable<string>) => [...accounts].map((account) => ({ Member_Account: account }));

/** State.StateChange (https://cloud.tencent.com/document/product/269/2570): Login/Register, Logout/Unregister. */
export function stateChange(ctx: Pick<CommandContext, 'callbacks'>, account: string, action: 'Login' | 'Logout') {
  const Reason = action === 'Login' ? 'Register' : 'Unregister';
  ctx.callbacks.after('State.StateChange', { Info: { Action: action, To_Account: account, Reason } });
}

/** Profile.CallbackPortraitSet (https://www.tencentcloud.com/document/product/1047/48733): the fields set. */
export function portraitSet(ctx: CommandContext, account: string, items: ReadonlyArray<readonly [string, unknown]>) {
  const ProfileItem = items.map(([Tag, Value]) => ({ Tag, Value }));
  ctx.callbacks.after('Profile.CallbackPortraitSet', { Operator_Account: ctx.caller, From_Account: account, ProfileItem });
}

/** Group.CallbackAfterCreateGroup (https://cloud.tencent.com/document/product/269/1663). */
export function groupCreated(ctx: CommandContext, group: Group) {
  ctx.callbacks.after('Group.CallbackAfterCreateGroup', {
    GroupId: group.groupId,
    Operator_Account: ctx.caller,
    Owner_Account: group.owner ?? '',
    Type: group.type,
    Name: group.name,
    CreateGroupMemberList: members(group.members.keys()),
  });
}

/** Group.CallbackAfterNewMemberJoin (https://cloud.tencent.com/document/product/269/1667): added by the admin, "Invited". */
export function membersJoined(ctx: CommandContext, group: Group, accounts: Iterable<string>) {
  const NewMemberList = members(accounts);
  if (NewMemberList.length === 0) return;
  const payload = { GroupId: group.groupId, Type: group.type, JoinType: 'Invited', Operator_Account: ctx.caller, NewMemberList };
  ctx.callbacks.after('Group.CallbackAfterNewMemberJoin', payload);
}

/** Group.CallbackAfterMemberExit (https://cloud.tencent.com/document/product/269/1668): removed by the admin, "Kicked". */
export function membersExited(ctx: CommandContext, group: Group, accounts: Iterable<string>) {
  const ExitMemberList = members(accounts);
  if (ExitMemberList.length === 0) return;
  const payload = { GroupId: group.groupId, Type: group.type, ExitType: 'Kicked', Operator_Account: ctx.caller, ExitMemberList };
  ctx.callbacks.after('Group.CallbackAfterMemberExit', payload);
}

/** Group.CallbackAfterGroupDestroyed (https://cloud.tencent.com/document/product/269/1670): its members as they were. */
export function groupDestroyed(ctx: CommandContext, group: Group) {
  ctx.callbacks.after('Group.CallbackAfterGroupDestroyed', {
    GroupId: group.groupId,
    Type: group.type,
    Owner_Account: group.owner ?? '',
    Name: group.name,
    MemberList: members(group.members.keys()),
  });
}

type Pair = { From_Account: string; To_Account: string };
const CLIENT_CMD = {
  'Sns.CallbackFriendAdd': 'friend_add',
  'Sns.CallbackFriendDelete': 'friend_delete',
  'Sns.CallbackBlackListAdd': 'black_list_add',
} as const;

/** Sns.CallbackFriendAdd, Sns.CallbackFriendDelete, Sns.CallbackBlackListAdd (269/1657, 269/1659, 269/1660). */
export function snsChanged(
  ctx: CommandContext,
  command: 'Sns.CallbackFriendAdd' | 'Sns.CallbackFriendDelete' | 'Sns.CallbackBlackListAdd',
  from: string,
  to: readonly string[],
) {
  if (to.length === 0) return;
  const adding = command === 'Sns.CallbackFriendAdd';
  const initiator = adding && { Initiator_Account: from };
  const PairList = to.map((account): Pair => ({ From_Account: from, To_Account: account, ...initiator }));
  const admin = adding && { Admin_Account: ctx.caller };
  ctx.callbacks.after(command, { PairList, ClientCmd: CLIENT_CMD[command], ...admin });
}
