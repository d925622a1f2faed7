import { Type } from '@sinclair/typebox';
import type { TagValue } from '../../../model/profiles.js';
import { isRecord } from '../../../shared/is-record.js';
import { defineCommand, namedAccount } from '../../command.js';
import { Errors, VendorError } from '../../errors.js';
import { replySchema } from '../../reply.js';
import { profileCodes } from '../../rules/profile-codes.js';
import { checkValue, IMAGE_TAG, knownTag, NICK_TAG } from '../../rules/profile-tags.js';
import { portraitSet } from '../../rules/callback-events.js';

/** The most ProfileItem entries one call sets: every standard field and the 20 custom ones an app may declare. */
const MAX_ITEMS = 32;

const ProfileItem = Type.Object({
  Tag: Type.String({ description: 'a standard field (Tag_Profile_IM_*) or a custom one the app declares (Tag_Profile_Custom_*)' }),
  Value: Type.Union([Type.String(), Type.Integer({ minimum: 0 })], { description: "the field's value: a string, or an unsigned 32-bit integer" }),
});

interface Input {
  account: string;
  items: Array<[string, TagValue]>;
}

/**
 * portrait_set: sets an imported account's profile fields, all or none
 * (https://cloud.tencent.com/document/product/269/1640). Nick and Image are the account's
 * own Nick and FaceUrl, as account_import sets them.
 */
export default defineCommand({
  service: 'profile',
  command: 'portrait_set',
  summary: "Set an imported account's profile fields (standard ones, and custom ones the app declares)",
  codes: profileCodes([
    Errors.ProfileBadRequest,
    Errors.ProfileAccountNotExist,
    Errors.ProfileInternal,
    Errors.ProfileNoWritePermission,
    Errors.ProfileTagNotExist,
    Errors.ProfileValueTooLong,
    Errors.ProfileBadValue,
    Errors.ProfileBadValueType,
  ]),
  defaultRateLimit: 200,
  failFields: { ErrorDisplay: '' },
  body: Type.Object({
    From_Account: Type.String({ description: 'the account whose profile is set' }),
    ProfileItem: Type.Array(ProfileItem, { minItems: 1, maxItems: MAX_ITEMS, description: `1 to ${MAX_ITEMS} fields` }),
  }),
  reply: replySchema({ ErrorDisplay: Type.Optional(Type.String({ description: 'always "" (the vendor sends it on OK and FAIL)' })) }),
  accountsOf: (body) => namedAccount(body.From_Account),
  // The shape first (40001), then each item in order: the tag (40009), then its value.
  parse(body): Input {
    const { From_Account: account, ProfileItem: items } = body;
    if (typeof account !== 'string' || account === '') {
      throw new VendorError(Errors.ProfileBadRequest, 'From_Account must be a non-empty string');
    }
    if (!Array.isArray(items) || items.length === 0 || items.length > MAX_ITEMS) {
      throw new VendorError(Errors.ProfileBadRequest, `ProfileItem must be an array of 1 to ${MAX_ITEMS} items`);
    }
    if (!items.every((item) => isRecord(item) && typeof item.Tag === 'string' && 'Value' in item)) {
      throw new VendorError(Errors.ProfileBadRequest, 'every ProfileItem must be an object with a string Tag and a Value');
    }
    const pairs = (items as Array<{ Tag: string; Value: unknown }>).map(({ Tag, Value }): [string, TagValue] => [
      Tag,
      Value as TagValue,
    ]);
    return { account, items: pairs };
  },
  execute(ctx, { account: name, items }) {
    const { app, store, profiles } = ctx;
    const account = store.get(app.sdkappid, name);
    if (account === undefined) throw new VendorError(Errors.ProfileAccountNotExist);
    const checked = items.map(([tag, value]): [string, TagValue] => {
      if (!knownTag(tag, app.settings.profileCustomTags)) throw new VendorError(Errors.ProfileTagNotExist, tag);
      return [tag, checkValue(tag, value)];
    });
    const nick = checked.findLast(([tag]) => tag === NICK_TAG)?.[1] as string | undefined;
    const faceUrl = checked.findLast(([tag]) => tag === IMAGE_TAG)?.[1] as string | undefined;
    if (nick !== undefined || faceUrl !== undefined) store.import(app.sdkappid, account.identifier, { nick, faceUrl });
    const others = checked.filter(([tag]) => tag !== NICK_TAG && tag !== IMAGE_TAG);
    if (others.length > 0) profiles.set(app.sdkappid, account.identifier, others);
    portraitSet(ctx, account.identifier, checked);
    return { ErrorDisplay: '' };
  },
});
