import { Type, type Static } from '@sinclair/typebox';
import { APPLY_JOIN_OPTIONS, GROUP_TYPES } from '../../model/groups.js';
import { PLATFORMS } from '../../model/online.js';
import { CALLBACK_COMMANDS, CALLBACK_TIMEOUT_MAX, CALLBACK_URL_MAX } from '../../model/callback-settings.js';

// The state an app holds besides its accounts (issues 26 and 27), as the state document and the
// control plane write it. Every section is optional, so a document written before they existed
// still loads, and an app without such state writes none of them.

const whole = Type.Integer({ minimum: 0 });
const text = Type.String();
const id = Type.String({ minLength: 1 });

/** An account's profile fields set by portrait_set (Nick and Image stay on the account). */
export const ProfileRecordSchema = Type.Object(
  { identifier: id, tags: Type.Record(Type.String({ minLength: 1 }), Type.Union([Type.String(), whole])) },
  { additionalProperties: false },
);

/** An account logged in on some platforms (every other account is Offline). */
export const OnlineRecordSchema = Type.Object(
  {
    identifier: id,
    platforms: Type.Object(
      Object.fromEntries(PLATFORMS.map((p) => [p, Type.Optional(Type.Union([Type.Literal('Online'), Type.Literal('PushOnline')]))])),
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

/** A MsgBody element: the command that stored it checked its content by type. */
const MsgElement = Type.Object({
  MsgType: Type.String({ minLength: 1 }),
  MsgContent: Type.Record(Type.String(), Type.Unknown()),
});

/** A one-to-one message as the vendor keeps it. */
export const MessageRecordSchema = Type.Object(
  {
    from: id,
    to: id,
    seq: whole,
    random: whole,
    time: Type.Integer({ minimum: 0, description: 'unix seconds' }),
    key: Type.String({ minLength: 1, description: 'the MsgKey' }),
    body: Type.Array(MsgElement, { minItems: 1 }),
    cloudCustomData: Type.Optional(text),
    offlinePushInfo: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    syncOtherMachine: Type.Optional(whole),
    msgLifeTime: Type.Optional(whole),
    countsUnread: Type.Boolean(),
    withdrawn: Type.Boolean(),
  },
  { additionalProperties: false },
);

/** What `reader` has read of `peer`'s messages: up to `time` (admin_set_msg_read). */
export const ReadRecordSchema = Type.Object({ reader: id, peer: id, time: whole }, { additionalProperties: false });

/** A group as GET /__mock/groups shows it, POST /__mock/groups seeds it and the state document holds it. */
export const GroupRecordSchema = Type.Object(
  {
    groupId: id,
    type: Type.Union(GROUP_TYPES.map((t) => Type.Literal(t))),
    name: text,
    introduction: text,
    notification: text,
    faceUrl: text,
    owner: Type.Optional(id),
    maxMemberCount: Type.Integer({ minimum: 1 }),
    applyJoinOption: Type.Union(APPLY_JOIN_OPTIONS.map((o) => Type.Literal(o))),
    createTime: whole,
    lastInfoTime: whole,
    infoSeq: whole,
    lastMsgTime: whole,
    nextMsgSeq: whole,
    members: Type.Array(
      Type.Object(
        {
          account: id,
          role: Type.Union([Type.Literal('Owner'), Type.Literal('Admin'), Type.Literal('Member')]),
          joinTime: whole,
          nameCard: text,
          msgFlag: text,
          shutUpUntil: whole,
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const FriendRecordSchema = Type.Object(
  { from: id, account: id, remark: text, groups: Type.Array(text), addSource: text, addWording: text, addTime: whole },
  { additionalProperties: false },
);

export const BlockRecordSchema = Type.Object(
  { from: id, account: id, addTime: whole },
  { additionalProperties: false },
);

/** The sections an app of the state document may carry besides its accounts, in the order they are written. */
export const ModelSections = {
  profiles: Type.Optional(Type.Array(ProfileRecordSchema)),
  online: Type.Optional(Type.Array(OnlineRecordSchema)),
  messages: Type.Optional(Type.Array(MessageRecordSchema, { description: 'oldest first' })),
  reads: Type.Optional(Type.Array(ReadRecordSchema)),
  groups: Type.Optional(Type.Array(GroupRecordSchema)),
  friends: Type.Optional(Type.Array(FriendRecordSchema)),
  blocked: Type.Optional(Type.Array(BlockRecordSchema)),
};

export type SectionName = keyof typeof ModelSections;
export const SECTION_NAMES = Object.keys(ModelSections) as SectionName[];
export type MessageRecord = Static<typeof MessageRecordSchema>;
export type ReadRecord = Static<typeof ReadRecordSchema>;

/**
 * An app's callback settings changed while running (PUT /__mock/apps), beside its plan settings.
 * Never the token: like the app's secret key it stays with the configuration, and GET
 * /__mock/state answers this same document.
 */
export const CallbackStateSchema = Type.Object(
  {
    callbackUrl: Type.Union([Type.String({ maxLength: CALLBACK_URL_MAX, pattern: '^https?://' }), Type.Null()]),
    callbackCommands: Type.Union([Type.Array(Type.Union(CALLBACK_COMMANDS.map((c) => Type.Literal(c)))), Type.Null()]),
    callbackTimeoutMs: Type.Union([Type.Integer({ minimum: 1, maximum: CALLBACK_TIMEOUT_MAX }), Type.Null()]),
  },
  { additionalProperties: false },
);
export type CallbackState = Static<typeof CallbackStateSchema>;
