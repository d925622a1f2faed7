import { Buffer } from 'node:buffer';
import type { FriendSpec } from '../../model/friends.js';
import { isRecordItem, isString, type Fields } from './fields.js';
import { GROUP_NAME_MAX_BYTES } from './friend-groups.js';
import { snsFields } from './sns.js';

// The fields of a friend as friend_add, friend_import and friend_update read them: one rule per
// field (https://cloud.tencent.com/document/product/269/1643, 269/8301, 269/12525), else 30001.

/** AddSource is `AddSource_Type_` and at most 8 bytes (269/1643). */
export const ADD_SOURCE_PREFIX = 'AddSource_Type_';
export const ADD_SOURCE_KEY_MAX_BYTES = 8;
export const REMARK_MAX_BYTES = 96;
export const ADD_WORDING_MAX_BYTES = 256;
/** friend_update's SnsItem tags (269/12525). */
export const REMARK_TAG = 'Tag_SNS_IM_Remark';
export const GROUP_TAG = 'Tag_SNS_IM_Group';

export interface FriendItem extends FriendSpec {
  to: string;
}

/** A remark: absent, or at most 96 bytes. */
const remark = (f: Fields, field: string): string | undefined => f.optionalString(field, REMARK_MAX_BYTES);

/** One friend group name: 1 to 30 bytes. */
const groupName = (f: Fields, field: string): string => f.string(field, GROUP_NAME_MAX_BYTES);

/** friend_add's GroupName: one name. */
export function oneGroupName(value: unknown): string[] | undefined {
  return value === undefined ? undefined : [groupName(snsFields({ GroupName: value }), 'GroupName')];
}

/** friend_import's GroupName and friend_update's group tag: an array of names, possibly empty. */
export function groupNameList(value: unknown, field = 'GroupName'): string[] | undefined {
  if (value === undefined) return undefined;
  const names = snsFields({ [field]: value }).list(field, isString, 'a string', Number.MAX_SAFE_INTEGER, 0);
  names.forEach((name, i) => groupName(snsFields({ [`${field}[${i}]`]: name }), `${field}[${i}]`));
  return names;
}

/** One AddFriendItem: To_Account, AddSource (`AddSource_Type_` + at most 8 bytes), Remark, AddWording, GroupName. */
export function friendItem(
  entry: Record<string, unknown>,
  groups: (value: unknown) => string[] | undefined,
): FriendItem {
  const f = snsFields(entry);
  const to = f.string('To_Account');
  const addSource = f.string('AddSource');
  const keyBytes = Buffer.byteLength(addSource) - ADD_SOURCE_PREFIX.length;
  if (!addSource.startsWith(ADD_SOURCE_PREFIX) || keyBytes > ADD_SOURCE_KEY_MAX_BYTES) {
    f.fail(`AddSource must be ${ADD_SOURCE_PREFIX} and at most ${ADD_SOURCE_KEY_MAX_BYTES} bytes`);
  }
  return {
    to,
    addSource,
    remark: remark(f, 'Remark'),
    addWording: f.optionalString('AddWording', ADD_WORDING_MAX_BYTES),
    groups: groups(entry.GroupName),
  };
}

export interface FriendUpdate {
  to: string;
  remark?: string | undefined;
  groups?: string[] | undefined;
}

/** One UpdateItem: To_Account and its SnsItem {Tag, Value} entries, a remark or a group list each. */
export function friendUpdate(entry: Record<string, unknown>): FriendUpdate {
  const f = snsFields(entry);
  const update: FriendUpdate = { to: f.string('To_Account') };
  for (const item of f.list('SnsItem', isRecordItem, 'a {Tag, Value} object', 100)) {
    const tag = snsFields(item);
    if (item.Value === undefined) tag.fail('SnsItem Value is required');
    if (item.Tag === REMARK_TAG) update.remark = remark(tag, 'Value');
    else if (item.Tag === GROUP_TAG) update.groups = groupNameList(item.Value, 'Value');
    else tag.fail(`SnsItem Tag must be ${REMARK_TAG} or ${GROUP_TAG}`);
  }
  return update;
}
