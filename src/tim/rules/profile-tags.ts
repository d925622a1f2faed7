import { utf8Bytes } from '../../model/accounts/identifier-rules.js';
import type { TagValue } from '../../model/profiles.js';
import { Errors, VendorError } from '../errors.js';

// The profile fields of https://cloud.tencent.com/document/product/269/1500 (资料系统: 标配资料字段
// and 自定义资料字段), with the value rules portrait_set checks (https://cloud.tencent.com/document/product/269/1640).

export const NICK_TAG = 'Tag_Profile_IM_Nick';
export const IMAGE_TAG = 'Tag_Profile_IM_Image';
export const CUSTOM_PREFIX = 'Tag_Profile_Custom_';
/** Strings the vendor caps at 500 bytes (Nick, SelfSignature, Image, custom string fields). */
export const PROFILE_STRING_MAX_BYTES = 500;
/** Location: at most 16 bytes. */
export const LOCATION_MAX_BYTES = 16;
const UINT32_MAX = 4294967295;

type Rule =
  | { kind: 'string'; maxBytes: number; fallback: string }
  | { kind: 'enum'; values: readonly string[]; fallback: string }
  | { kind: 'uint32'; fallback: number };

const text = (maxBytes: number): Rule => ({ kind: 'string', maxBytes, fallback: '' });
const oneOf = (...values: string[]): Rule => ({ kind: 'enum', values, fallback: values[0] as string });
const uint32: Rule = { kind: 'uint32', fallback: 0 };

/** The standard fields; `fallback` is what portrait_get answers for a field never set. */
export const STANDARD_TAGS: Readonly<Record<string, Rule>> = {
  [NICK_TAG]: text(PROFILE_STRING_MAX_BYTES),
  Tag_Profile_IM_Gender: oneOf('Gender_Type_Unknown', 'Gender_Type_Female', 'Gender_Type_Male'),
  Tag_Profile_IM_BirthDay: uint32,
  Tag_Profile_IM_Location: text(LOCATION_MAX_BYTES),
  Tag_Profile_IM_SelfSignature: text(PROFILE_STRING_MAX_BYTES),
  Tag_Profile_IM_AllowType: oneOf('AllowType_Type_NeedConfirm', 'AllowType_Type_AllowAny', 'AllowType_Type_DenyAny'),
  Tag_Profile_IM_Language: uint32,
  [IMAGE_TAG]: text(PROFILE_STRING_MAX_BYTES),
  Tag_Profile_IM_MsgSettings: uint32,
  Tag_Profile_IM_AdminForbidType: oneOf('AdminForbid_Type_None', 'AdminForbid_Type_SendOut'),
  Tag_Profile_IM_Level: uint32,
  Tag_Profile_IM_Role: uint32,
};

/** Whether `tag` is a field the app knows: a standard one, or a custom one it declared. */
export function knownTag(tag: string, declared: readonly string[]): boolean {
  return Object.hasOwn(STANDARD_TAGS, tag) || (tag.startsWith(CUSTOM_PREFIX) && declared.includes(tag));
}

/** What portrait_get answers for a field never set. */
export const fallbackOf = (tag: string): TagValue => STANDARD_TAGS[tag]?.fallback ?? '';

const isUint32 = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= UINT32_MAX;

/**
 * Checks one ProfileItem's value, in this order: a string field takes a string (40610), at most
 * its bytes (40601 for the 500-byte fields, 40605 for Location's 16); an enumerated field one of
 * its values (40610 for a non-string, 40605 otherwise); a number field an unsigned 32-bit
 * integer (40610 for a non-number, 40605 otherwise); a custom field a string of at most 500 bytes
 * or an unsigned 32-bit integer (40610 otherwise).
 */
export function checkValue(tag: string, value: unknown): TagValue {
  const rule = STANDARD_TAGS[tag];
  if (rule === undefined) {
    if (isUint32(value)) return value;
    if (typeof value !== 'string') throw new VendorError(Errors.ProfileBadValueType, `${tag} takes a string or an integer`);
    if (utf8Bytes(value) > PROFILE_STRING_MAX_BYTES) throw new VendorError(Errors.ProfileValueTooLong);
    return value;
  }
  if (rule.kind === 'uint32') {
    if (typeof value !== 'number') throw new VendorError(Errors.ProfileBadValueType, `${tag} takes an integer`);
    if (!isUint32(value)) throw new VendorError(Errors.ProfileBadValue, `${tag} takes an integer from 0 to ${UINT32_MAX}`);
    return value;
  }
  if (typeof value !== 'string') throw new VendorError(Errors.ProfileBadValueType, `${tag} takes a string`);
  if (rule.kind === 'enum') {
    if (!rule.values.includes(value)) throw new VendorError(Errors.ProfileBadValue, `${tag} takes one of ${rule.values.join(', ')}`);
    return value;
  }
  if (utf8Bytes(value) > rule.maxBytes) {
    if (rule.maxBytes === PROFILE_STRING_MAX_BYTES) throw new VendorError(Errors.ProfileValueTooLong);
    throw new VendorError(Errors.ProfileBadValue, `${tag} takes at most ${rule.maxBytes} bytes`);
  }
  return value;
}
