import { Type, type Static } from '@sinclair/typebox';
import { PRIORITIES } from '../../model/group-messages.js';
import { MessageRecordSchema, ModelSections } from './sections.js';

// What groups and relationships keep besides their records: each group's message history, the
// friend groups an account made (with friends in them or not) and the friend requests waiting
// for a peer. Each is a section of its own, written after the first ones, so that a document
// written before them still loads.

const whole = Type.Integer({ minimum: 0 });
const text = Type.String();
const id = Type.String({ minLength: 1 });

/** A group message as the group keeps it; a group's messages are listed oldest first. */
export const GroupMessageRecordSchema = Type.Object(
  {
    groupId: id,
    seq: Type.Integer({ minimum: 1, description: 'the MsgSeq, below the group\'s nextMsgSeq' }),
    random: whole,
    time: Type.Integer({ minimum: 0, description: 'unix seconds' }),
    from: text,
    body: MessageRecordSchema.properties.body,
    priority: Type.Union(PRIORITIES.map((p) => Type.Literal(p))),
    cloudCustomData: Type.Optional(text),
    recalled: Type.Boolean({ description: 'group_msg_recall took it back: its seq stays' }),
  },
  { additionalProperties: false },
);

/** An account's own friend groups (group_add) and their CurrentSequence. */
export const FriendGroupRecordSchema = Type.Object(
  { from: id, names: Type.Array(id), sequence: whole },
  { additionalProperties: false },
);

/** A friend request from `from` waiting for `account`'s confirmation (friend_add answered 30539). */
export const FriendRequestRecordSchema = Type.Object(
  { from: id, account: id, remark: text, groups: Type.Array(text), addSource: text, addWording: text, addTime: whole },
  { additionalProperties: false },
);

const KeptSections = {
  groupMessages: Type.Optional(Type.Array(GroupMessageRecordSchema, { description: 'oldest first in each group' })),
  friendGroups: Type.Optional(Type.Array(FriendGroupRecordSchema)),
  friendRequests: Type.Optional(Type.Array(FriendRequestRecordSchema)),
};

/** Every section an app of the state document may carry besides its accounts, in the order they are written. */
export const StateSections = { ...ModelSections, ...KeptSections };
export type StateSectionName = keyof typeof StateSections;
export type GroupMessageSectionRecord = Static<typeof GroupMessageRecordSchema>;

/** A message seeded into a group as if sent now (fixtures, POST /__mock/groups/messages, the in-process API). */
export const GroupMessageSeedSchema = Type.Object(
  {
    from: Type.String({ minLength: 1, description: "an account, or the app's admin" }),
    body: MessageRecordSchema.properties.body,
    time: Type.Optional(Type.Integer({ minimum: 0, description: "unix seconds; default: the emulator's clock" })),
    random: Type.Optional(Type.Integer({ minimum: 0, maximum: 4_294_967_295, description: "default: the message's place in the list" })),
    priority: Type.Optional(Type.Union(PRIORITIES.map((p) => Type.Literal(p)), { description: 'default: Normal' })),
    cloudCustomData: Type.Optional(text),
  },
  { additionalProperties: false },
);
