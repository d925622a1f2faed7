import { Type, type Static, type TProperties } from '@sinclair/typebox';
import type { VendorErrorEntry } from './errors.js';

/**
 * One of a few strings, for reply schemas: a JSON Schema `enum`. A union of literals would be an
 * `anyOf`, which the reply serializer (reply-serializer.ts) refuses: choosing a branch per value
 * would need a validator run on every reply.
 */
export const stringEnum = <T extends string>(values: readonly T[], options: { description?: string } = {}) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values], ...options });

/** The fields every vendor answer carries. */
export const ReplyFields = {
  ActionStatus: stringEnum(['OK', 'FAIL']),
  ErrorInfo: Type.String(),
  ErrorCode: Type.Integer(),
};

/** A command's reply schema: the common fields plus its own (compiled into the serializer). */
export const replySchema = <P extends TProperties>(extra: P = {} as P) =>
  Type.Object({ ...ReplyFields, ...extra }, { additionalProperties: false });

export const VendorReply = replySchema();
export type VendorReply = Static<typeof VendorReply>;

/** The OK envelope, with a command's own fields after it. */
export function okReply<T extends object = object>(extra?: T): VendorReply & T;
export function okReply(extra?: object): VendorReply {
  return { ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0, ...extra };
}

export const failReply = (error: VendorErrorEntry): VendorReply => ({
  ActionStatus: 'FAIL',
  ErrorInfo: error.info,
  ErrorCode: error.code,
});
