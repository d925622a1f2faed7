import { Type } from '@sinclair/typebox';
import { MSG_BODY_MAX_BYTES, MSG_LIFETIME_MAX, UINT32_MAX } from './openim.js';

// Request schemas the openim commands share, for the OpenAPI document (validation is the commands' own).

export const MsgBodySchema = Type.Array(
  Type.Object(
    {
      MsgType: Type.String({ description: 'TIMTextElem, TIMCustomElem, TIMFaceElem, TIMLocationElem, TIMImageElem, TIMSoundElem, TIMFileElem or TIMVideoFileElem' }),
      MsgContent: Type.Object({}, { additionalProperties: true, description: "the type's fields (https://cloud.tencent.com/document/product/269/2720)" }),
    },
  ),
  { minItems: 1, description: `the message's elements, at most ${MSG_BODY_MAX_BYTES} bytes as JSON` },
);

export const uint32 = (description: string) => Type.Integer({ minimum: 0, maximum: UINT32_MAX, description });

export const SendOptions = {
  MsgSeq: Type.Optional(uint32('part of the dedup key; absent: random')),
  MsgRandom: uint32('part of the dedup key'),
  MsgBody: MsgBodySchema,
  CloudCustomData: Type.Optional(Type.String()),
  SyncOtherMachine: Type.Optional(Type.Integer({ minimum: 1, maximum: 2, description: '1: keep in the sender\'s roaming (default), 2: do not' })),
  MsgLifeTime: Type.Optional(Type.Integer({ minimum: 0, description: `seconds kept offline, at most ${MSG_LIFETIME_MAX}; 0: online clients only, not stored` })),
  OfflinePushInfo: Type.Optional(Type.Object({}, { additionalProperties: true })),
};

/** A stored message as admin_getroammsg and the control plane answer it. */
export const MsgListItem = Type.Object({
  From_Account: Type.String(),
  To_Account: Type.String(),
  MsgSeq: Type.Integer(),
  MsgRandom: Type.Integer(),
  MsgTimeStamp: Type.Integer(),
  MsgFlagBits: Type.Integer({ description: '0: a message; 8: withdrawn' }),
  MsgKey: Type.String(),
  MsgBody: Type.Array(Type.Unknown(), { description: 'the elements as sent ([] once withdrawn)' }),
  CloudCustomData: Type.Optional(Type.String()),
});
