import { Type } from '@sinclair/typebox';
import { defineCommand, type CommandContext } from '../../command.js';
import { Errors, type VendorErrorEntry } from '../../errors.js';
import { replySchema, stringEnum } from '../../reply.js';
import { hasString } from '../../rules/fields.js';
import {
  assertFromAccount,
  FailAccount,
  failed,
  fromAndItems,
  itemResult,
  ResultItem,
  snsCodes,
  snsFields,
} from '../../rules/sns.js';
import { FRIENDS_MAX } from '../../../model/friends.js';
import { GROUP_NAME_MAX_BYTES } from '../../rules/friend-groups.js';
import {
  ADD_SOURCE_KEY_MAX_BYTES,
  ADD_SOURCE_PREFIX,
  ADD_WORDING_MAX_BYTES,
  friendItem,
  oneGroupName,
  REMARK_MAX_BYTES,
} from '../../rules/friend-items.js';
import { snsChanged } from '../../rules/callback-events.js';

/** Friends in one friend_add call (269/1643: "单次请求的好友数不得超过1000"). */
export const ADD_FRIENDS_MAX = 1000;
const ADD_TYPES = ['Add_Type_Single', 'Add_Type_Both'] as const;

/** Why `from` may not add `to`, in the vendor's order, or undefined when it may. */
function refusal(
  ctx: CommandContext,
  from: string,
  to: string,
  both: boolean,
  force: boolean,
): VendorErrorEntry | undefined {
  const { app, store, friends } = ctx;
  const id = app.sdkappid;
  if (to === from) return Errors.SnsBadRequest;
  if (store.get(id, to) === undefined) return Errors.SnsAccountNotFound;
  if (friends.friend(id, from, to) !== undefined) return Errors.SnsBadRequest;
  if (friends.isBlocked(id, from, to)) return Errors.FriendPeerBlocked;
  if (friends.isBlocked(id, to, from)) return Errors.FriendInPeerBlackList;
  if (friends.friendCount(id, from) >= FRIENDS_MAX) return Errors.FriendLimitSelf;
  const peerFull = friends.friend(id, to, from) === undefined && friends.friendCount(id, to) >= FRIENDS_MAX;
  if (both && peerFull) return Errors.FriendLimitPeer;
  // The peer asked first: this add is its confirmation, whatever `from`'s AllowType.
  if (force || friends.pendingRequest(id, to, from) !== undefined) return undefined;
  const allow = friends.allowType(id, to);
  if (allow === 'AllowType_Type_DenyAny') return Errors.FriendPeerDeniesAll;
  if (allow === 'AllowType_Type_NeedConfirm') return Errors.FriendPendingConfirm;
  return undefined;
}

/**
 * friend_add (https://cloud.tencent.com/document/product/269/1643): adds up to 1000 friends,
 * both ways by default (AddType). The peer's AllowType decides unless ForceAddFlags is 1:
 * NeedConfirm (the default) answers 30539 and records a pending request, DenyAny 30516. The
 * peer's own friend_add to the requester confirms a pending request: both are then friends as
 * the request asked. Black lists refuse either way (30515, 30525); each item has its own ResultCode.
 */
export default defineCommand({
  service: 'sns',
  command: 'friend_add',
  summary: 'Add 1 to 1000 friends (AddType, ForceAddFlags; the peer\'s AllowType decides)',
  codes: snsCodes([
    Errors.FriendLimitSelf,
    Errors.FriendLimitPeer,
    Errors.FriendPeerBlocked,
    Errors.FriendPeerDeniesAll,
    Errors.FriendInPeerBlackList,
    Errors.FriendPendingConfirm,
  ]),
  defaultRateLimit: 200,
  body: Type.Object({
    From_Account: Type.String(),
    AddFriendItem: Type.Array(
      Type.Object({
        To_Account: Type.String(),
        AddSource: Type.String({ description: `${ADD_SOURCE_PREFIX} and at most ${ADD_SOURCE_KEY_MAX_BYTES} bytes` }),
        Remark: Type.Optional(Type.String({ description: `at most ${REMARK_MAX_BYTES} bytes` })),
        GroupName: Type.Optional(Type.String({ description: `at most ${GROUP_NAME_MAX_BYTES} bytes` })),
        AddWording: Type.Optional(Type.String({ description: `at most ${ADD_WORDING_MAX_BYTES} bytes` })),
      }),
      { minItems: 1, maxItems: ADD_FRIENDS_MAX },
    ),
    AddType: Type.Optional(stringEnum(ADD_TYPES, { description: 'Add_Type_Both (the default) or Add_Type_Single' })),
    ForceAddFlags: Type.Optional(Type.Integer({ minimum: 0, maximum: 1, description: '1: add whatever the peer\'s AllowType' })),
  }),
  reply: replySchema({ ResultItem: Type.Optional(Type.Array(ResultItem)), Fail_Account: FailAccount }),
  accountsOf: (body) => fromAndItems(body, body.AddFriendItem),
  parse(body) {
    const f = snsFields(body);
    const from = f.string('From_Account');
    const items = f.list('AddFriendItem', hasString('To_Account'), 'an object with a To_Account', ADD_FRIENDS_MAX);
    return {
      from,
      items: items.map((entry) => friendItem(entry, oneGroupName)),
      both: (f.optionalOneOf('AddType', ADD_TYPES) ?? 'Add_Type_Both') === 'Add_Type_Both',
      force: f.optionalInteger('ForceAddFlags', 0, 1) === 1,
    };
  },
  execute(ctx, { from, items, both, force }) {
    assertFromAccount(ctx, from);
    const id = ctx.app.sdkappid;
    const { friends } = ctx;
    const results = items.map((item) => {
      const refused = refusal(ctx, from, item.to, both, force);
      if (refused === Errors.FriendPendingConfirm) friends.request(id, from, item.to, item);
      if (refused !== undefined) return itemResult(item.to, refused);
      const asked = friends.pendingRequest(id, item.to, from);
      friends.addFriend(id, from, item.to, item);
      // Confirming puts `from` on the requester's list as it asked (added now); else AddType decides.
      const plain = both ? { addSource: item.addSource } : undefined;
      const back = asked === undefined ? plain : { ...asked, addTime: undefined };
      if (back !== undefined && friends.friend(id, item.to, from) === undefined) {
        friends.addFriend(id, item.to, from, back);
      }
      friends.dropRequest(id, from, item.to);
      friends.dropRequest(id, item.to, from);
      return itemResult(item.to);
    });
    snsChanged(ctx, 'Sns.CallbackFriendAdd', from, results.filter((r) => r.ResultCode === 0).map((r) => r.To_Account));
    return { ResultItem: results, Fail_Account: failed(results) };
  },
});
