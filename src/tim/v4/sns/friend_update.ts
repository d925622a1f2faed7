import { Type } from '@sinclair/typebox';
import { defineCommand } from '../../command.js';
import { Errors, VendorError } from '../../errors.js';
import { replySchema } from '../../reply.js';
import { hasString, isRecordItem, isString } from '../../rules/fields.js';
import {
  assertFromAccount,
  FailAccount,
  failed,
  fromAndItems,
  itemResult,
  ResultItem,
  snsCodes,
  snsFields,
  TagValue,
} from '../../rules/sns.js';
import { REMARK_MAX_BYTES } from './friend_add.js';
import { GROUP_NAME_MAX_BYTES } from '../../rules/friend-groups.js';

/** Friends in one friend_update call (https://cloud.tencent.com/document/product/269/12525: "最多100个"). */
export const UPDATE_FRIENDS_MAX = 100;
export const REMARK_TAG = 'Tag_SNS_IM_Remark';
export const GROUP_TAG = 'Tag_SNS_IM_Group';

interface Update {
  to: string;
  remark?: string | undefined;
  groups?: string[] | undefined;
}

/** One UpdateItem: To_Account and its SnsItem tags (the remark, at most 96 bytes; the groups). */
function updateOf(entry: Record<string, unknown>): Update {
  const f = snsFields(entry);
  const update: Update = { to: f.string('To_Account') };
  for (const item of f.list('SnsItem', isRecordItem, 'a {Tag, Value} object', 100)) {
    if (item.Tag === REMARK_TAG) update.remark = snsFields(item).string('Value', REMARK_MAX_BYTES);
    else if (item.Tag === GROUP_TAG) {
      update.groups = snsFields(item).list('Value', isString, 'a group name', Number.MAX_SAFE_INTEGER, 0);
      for (const name of update.groups) snsFields({ GroupName: name }).string('GroupName', GROUP_NAME_MAX_BYTES);
    } else throw new VendorError(Errors.SnsBadRequest, `SnsItem Tag must be ${REMARK_TAG} or ${GROUP_TAG}`);
  }
  return update;
}

/**
 * friend_update: changes the remark and groups of up to 100 friends; one that is not a friend
 * answers 30001 in its item.
 */
export default defineCommand({
  service: 'sns',
  command: 'friend_update',
  summary: 'Change the remark (Tag_SNS_IM_Remark) and groups (Tag_SNS_IM_Group) of 1 to 100 friends',
  codes: snsCodes(),
  defaultRateLimit: 200,
  body: Type.Object({
    From_Account: Type.String(),
    UpdateItem: Type.Array(Type.Object({ To_Account: Type.String(), SnsItem: Type.Array(TagValue) }), {
      minItems: 1,
      maxItems: UPDATE_FRIENDS_MAX,
    }),
  }),
  reply: replySchema({ ResultItem: Type.Optional(Type.Array(ResultItem)), Fail_Account: FailAccount }),
  accountsOf: (body) => fromAndItems(body, body.UpdateItem),
  parse(body) {
    const f = snsFields(body);
    const from = f.string('From_Account');
    return { from, updates: f.list('UpdateItem', hasString('To_Account'), 'an object with a To_Account', UPDATE_FRIENDS_MAX).map(updateOf) };
  },
  execute(ctx, { from, updates }) {
    assertFromAccount(ctx, from);
    const results = updates.map((update) => {
      const friend = ctx.friends.friend(ctx.app.sdkappid, from, update.to);
      if (friend === undefined) return itemResult(update.to, Errors.SnsBadRequest);
      if (update.remark !== undefined) friend.remark = update.remark;
      if (update.groups !== undefined) friend.groups = update.groups;
      return itemResult(update.to);
    });
    return { ResultItem: results, Fail_Account: failed(results) };
  },
});
