import { Buffer } from 'node:buffer';
import { Type } from '@sinclair/typebox';
import { FRIEND_GROUPS_MAX } from '../../model/friends.js';
import { isNonEmptyString, type Fields } from './fields.js';

/** The longest friend group name, in bytes (friend_add's GroupName, group_add: 269/1643, 269/10107). */
export const GROUP_NAME_MAX_BYTES = 30;

/** `GroupName`: 1 to 32 names (0 to 32 when optional) of 1 to 30 bytes, else 30001. */
export function groupNames(f: Fields, optional = false): string[] {
  const names = optional
    ? (f.optionalList('GroupName', isNonEmptyString, 'a friend group name', FRIEND_GROUPS_MAX) ?? [])
    : f.list('GroupName', isNonEmptyString, 'a friend group name', FRIEND_GROUPS_MAX);
  if (names.some((name) => Buffer.byteLength(name) > GROUP_NAME_MAX_BYTES)) f.fail(`a GroupName is at most ${GROUP_NAME_MAX_BYTES} bytes`);
  return names;
}

export const GroupNameList = Type.Array(Type.String({ description: `1 to ${GROUP_NAME_MAX_BYTES} bytes` }), { maxItems: FRIEND_GROUPS_MAX });
export const CurrentSequence = Type.Optional(Type.Integer({ description: "the sequence of the account's friend groups, one more per change" }));
