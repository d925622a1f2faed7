import type { GroupRecord } from './groups.js';

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
