import { Type } from '@sinclair/typebox';
import type { TagValue } from '../../../model/profiles.js';
import { defineCommand } from '../../command.js';
import { Errors, VendorError } from '../../errors.js';
import { replySchema } from '../../reply.js';
import { accountsIn } from '../../rules/item-list.js';
import { profileCodes } from '../../rules/profile-codes.js';
import { fallbackOf, IMAGE_TAG, knownTag, NICK_TAG } from '../../rules/profile-tags.js';

/** The most accounts one call reads (vendor: 每次拉取的用户数不得超过100). */
export const MAX_ACCOUNTS = 100;
/** The most tags one call reads: every standard field and the 20 custom ones an app may declare. */
const MAX_TAGS = 32;

// Value is a string or an integer: an untyped schema, serialized as is (the reply serializer writes no union).
const ProfileItem = Type.Object({ Tag: Type.String(), Value: Type.Unknown({ description: 'a string, or an unsigned 32-bit integer' }) });
const UserProfileItem = Type.Object({
  To_Account: Type.String({ description: 'the account, as sent' }),
  ProfileItem: Type.Optional(Type.Array(ProfileItem, { description: 'the fields asked for, in TagList order (absent on failure)' })),
  ResultCode: Type.Integer({ description: `0, or ${Errors.ProfileAccountNotExist.code} for an account never imported` }),
  ResultInfo: Type.String(),
});

const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');

/** portrait_get: reads up to 100 accounts' profile fields (https://cloud.tencent.com/document/product/269/1639). */
export default defineCommand({
  service: 'profile',
  command: 'portrait_get',
  summary: 'Read the profile fields of 1 to 100 accounts; accounts never imported are listed in Fail_Account',
  codes: profileCodes([
    Errors.ProfileBadRequest,
    Errors.ProfileNoAccounts,
    Errors.ProfileAccountNotExist,
    Errors.ProfileInternal,
    Errors.ProfileNoReadPermission,
    Errors.ProfileTagNotExist,
  ]),
  defaultRateLimit: 200,
  failFields: { ErrorDisplay: '' },
  body: Type.Object({
    To_Account: Type.Array(Type.String(), { minItems: 1, maxItems: MAX_ACCOUNTS, description: `1 to ${MAX_ACCOUNTS} accounts` }),
    TagList: Type.Array(Type.String(), { minItems: 1, maxItems: MAX_TAGS, description: 'the fields to read' }),
  }),
  reply: replySchema({
    UserProfileItem: Type.Optional(Type.Array(UserProfileItem, { description: 'one per To_Account, in request order' })),
    Fail_Account: Type.Optional(Type.Array(Type.String(), { description: 'only when some account failed: those accounts' })),
    ErrorDisplay: Type.Optional(Type.String()),
  }),
  accountsOf: (body) => accountsIn(body.To_Account, (entry) => entry),
  // To_Account absent or empty is 40002; over 100 accounts, other shapes and an empty TagList 40001.
  parse(body) {
    const { To_Account: accounts, TagList: tags } = body;
    if (accounts === undefined || (Array.isArray(accounts) && accounts.length === 0)) {
      throw new VendorError(Errors.ProfileNoAccounts);
    }
    if (!isStringArray(accounts) || accounts.length > MAX_ACCOUNTS) {
      throw new VendorError(Errors.ProfileBadRequest, `To_Account must be an array of 1 to ${MAX_ACCOUNTS} strings`);
    }
    if (!isStringArray(tags) || tags.length === 0 || tags.length > MAX_TAGS) {
      throw new VendorError(Errors.ProfileBadRequest, `TagList must be an array of 1 to ${MAX_TAGS} strings`);
    }
    return { accounts, tags };
  },
  execute({ app, store, profiles }, { accounts, tags }) {
    const unknown = tags.find((tag) => !knownTag(tag, app.settings.profileCustomTags));
    if (unknown !== undefined) throw new VendorError(Errors.ProfileTagNotExist, unknown);
    const failed: string[] = [];
    const results = accounts.map((name) => {
      const account = store.get(app.sdkappid, name);
      if (account === undefined) {
        failed.push(name);
        const { code, info } = Errors.ProfileAccountNotExist;
        return { To_Account: name, ResultCode: code, ResultInfo: info };
      }
      const stored = profiles.get(app.sdkappid, account.identifier);
      const valueOf = (tag: string): TagValue => {
        if (tag === NICK_TAG) return account.nick ?? '';
        if (tag === IMAGE_TAG) return account.faceUrl ?? '';
        return stored?.get(tag) ?? fallbackOf(tag);
      };
      return { To_Account: name, ProfileItem: tags.map((Tag) => ({ Tag, Value: valueOf(Tag) })), ResultCode: 0, ResultInfo: '' };
    });
    return { UserProfileItem: results, ...(failed.length > 0 && { Fail_Account: failed }), ErrorDisplay: '' };
  },
});
