import type { GroupMessageRecord } from './group-messages.js';
import type { GroupRecord, GroupType } from './groups.js';

/**
 * Why seeded groups cannot be stored, or undefined: each id once, each member once per group,
 * the owner (when named) a member with the Owner role and no other Owner, members within the
 * group's MaxMemberNum.
 */
export function groupRecordsProblem(records: readonly GroupRecord[]): string | undefined {
  const ids = new Set<string>();
  for (const [i, group] of records.entries()) {
    const at = `groups[${i}]`;
    if (ids.has(group.groupId)) return `${at}.groupId: '${group.groupId}' appears twice`;
    ids.add(group.groupId);
    const accounts = new Set(group.members.map((m) => m.account));
    if (accounts.size !== group.members.length) return `${at}.members: an account appears twice`;
    if (group.members.length > group.maxMemberCount) return `${at}.members: more than maxMemberCount`;
    const owners = group.members.filter((m) => m.role === 'Owner').map((m) => m.account);
    const expected = group.owner === undefined ? [] : [group.owner];
    if (owners.length !== expected.length || owners[0] !== expected[0]) {
      return `${at}.owner: the owner must be the one member whose role is Owner`;
    }
  }
  return undefined;
}

/** Why group `groupId`, of `type` (undefined: there is none), cannot take messages, or undefined. */
export function historyProblem(groupId: string, type: GroupType | undefined): string | undefined {
  if (type === undefined) return `'${groupId}' is not a group of the app`;
  if (type === 'AVChatRoom') return `'${groupId}' is an AVChatRoom, which keeps no history`;
  return undefined;
}

/**
 * Why an app's kept group messages cannot go with its groups, or undefined: each names a group
 * of the app that keeps history (not an AVChatRoom), with seqs ascending and below the group's
 * NextMsgSeq.
 */
export function groupMessagesProblem(
  groups: readonly GroupRecord[],
  messages: readonly GroupMessageRecord[],
): string | undefined {
  const byId = new Map(groups.map((g) => [g.groupId, g]));
  const lastSeq = new Map<string, number>();
  for (const [i, message] of messages.entries()) {
    const at = `groupMessages[${i}]`;
    const group = byId.get(message.groupId);
    const problem = historyProblem(message.groupId, group?.type);
    if (problem !== undefined) return `${at}.groupId: ${problem}`;
    const { nextMsgSeq } = group as GroupRecord;
    if (message.seq <= (lastSeq.get(message.groupId) ?? 0) || message.seq >= nextMsgSeq) {
      return `${at}.seq: must be above the group's earlier messages' and below its nextMsgSeq (${nextMsgSeq})`;
    }
    lastSeq.set(message.groupId, message.seq);
  }
  return undefined;
}
