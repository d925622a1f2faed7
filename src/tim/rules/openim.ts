import type { CommandCodes, CommandContext } from '../command.js';
import { Errors, VendorError, type VendorErrorEntry } from '../errors.js';
import type { JsonObject } from '../body.js';
import { isRecord } from '../../shared/is-record.js';
import { utf8Bytes } from '../../model/accounts/identifier-rules.js';

// The rules the openim commands share: their codes (https://cloud.tencent.com/document/product/269/1671,
// 90xxx), MsgBody elements by type (https://cloud.tencent.com/document/product/269/2720) and the
// body's 12 KB limit.

/** 90010 a malformed request, 90009 not the admin. */
export const openimCodes = (own: readonly VendorErrorEntry[]): CommandCodes => ({
  badRequest: Errors.MsgRequestFormat,
  invalidSdkAppId: Errors.InvalidSdkAppId,
  notAdmin: Errors.MsgNotAdmin,
  own,
});

/** The message body's limit (93000, and 90055 for batchsendmsg): 12 KB of JSON. */
export const MSG_BODY_MAX_BYTES = 12 * 1024;
export const UINT32_MAX = 4294967295;
/** MsgLifeTime's ceiling, 7 days in seconds. */
export const MSG_LIFETIME_MAX = 604800;

type FieldKind = 'string' | 'number' | 'integer' | 'flag';
type Fields = Readonly<Record<string, { kind: FieldKind; required: boolean }>>;
const req = (kind: FieldKind) => ({ kind, required: true });
const opt = (kind: FieldKind) => ({ kind, required: false });

/** Each element type's MsgContent fields; `flag` is a download flag, which must be 2. */
export const ELEMENT_FIELDS: Readonly<Record<string, Fields>> = {
  TIMTextElem: { Text: req('string') },
  TIMLocationElem: { Desc: req('string'), Latitude: req('number'), Longitude: req('number') },
  TIMFaceElem: { Index: req('integer'), Data: req('string') },
  TIMCustomElem: { Data: req('string'), Desc: opt('string'), Ext: opt('string'), Sound: opt('string') },
  TIMSoundElem: { Url: req('string'), UUID: opt('string'), Size: req('integer'), Second: req('integer'), Download_Flag: req('flag') },
  // and ImageInfoArray, a non-empty array of images (checkImageInfo).
  TIMImageElem: { UUID: req('string'), ImageFormat: req('integer') },
  TIMFileElem: { Url: req('string'), UUID: opt('string'), FileSize: req('integer'), FileName: req('string'), Download_Flag: req('flag') },
  TIMVideoFileElem: {
    VideoUrl: req('string'),
    VideoUUID: opt('string'),
    VideoSize: req('integer'),
    VideoSecond: req('integer'),
    VideoFormat: req('string'),
    VideoDownloadFlag: req('flag'),
    ThumbUrl: req('string'),
    ThumbUUID: opt('string'),
    ThumbSize: req('integer'),
    ThumbWidth: req('integer'),
    ThumbHeight: req('integer'),
    ThumbFormat: req('string'),
    ThumbDownloadFlag: req('flag'),
  },
};

const IMAGE_FORMATS = [1, 2, 3, 4, 255];
const IMAGE_INFO_FIELDS = ['Type', 'Size', 'Width', 'Height'] as const;

const isKind = (kind: FieldKind, value: unknown): boolean => {
  if (kind === 'string') return typeof value === 'string';
  if (kind === 'number') return typeof value === 'number' && Number.isFinite(value);
  if (kind === 'integer') return Number.isSafeInteger(value) && (value as number) >= 0;
  return value === 2;
};

const badElement = (i: number, why: string): VendorError => new VendorError(Errors.MsgBodyFormat, `MsgBody[${i}]: ${why}`);

/** One image of TIMImageElem's ImageInfoArray: Type 1 (original), 2 (large) or 3 (thumbnail), sizes, URL. */
function checkImageInfo(info: unknown, i: number): void {
  if (!isRecord(info)) throw badElement(i, 'every ImageInfoArray entry must be an object');
  if (info.Type !== 1 && info.Type !== 2 && info.Type !== 3) throw badElement(i, 'ImageInfoArray Type must be 1, 2 or 3');
  for (const field of IMAGE_INFO_FIELDS) {
    if (!isKind('integer', info[field])) throw badElement(i, `ImageInfoArray ${field} must be a whole number`);
  }
  if (typeof info.URL !== 'string') throw badElement(i, 'ImageInfoArray URL must be a string');
}

function checkElement(element: unknown, i: number): void {
  if (!isRecord(element) || typeof element.MsgType !== 'string') throw badElement(i, 'an element is an object with a string MsgType');
  // Own keys only: a MsgType of `constructor` or `__proto__` names no element type.
  const fields = Object.hasOwn(ELEMENT_FIELDS, element.MsgType) ? ELEMENT_FIELDS[element.MsgType] : undefined;
  if (fields === undefined) throw badElement(i, `unknown MsgType (one of ${Object.keys(ELEMENT_FIELDS).join(', ')})`);
  const content = element.MsgContent;
  if (!isRecord(content)) throw badElement(i, 'MsgContent must be an object');
  for (const [name, { kind, required }] of Object.entries(fields)) {
    const value = content[name];
    if (value === undefined && !required) continue;
    if (!isKind(kind, value)) throw badElement(i, `${element.MsgType}.${name} must be ${kind === 'flag' ? '2' : `a ${kind}`}`);
  }
  if (element.MsgType === 'TIMImageElem') {
    if (!IMAGE_FORMATS.includes(content.ImageFormat as number)) throw badElement(i, `ImageFormat must be one of ${IMAGE_FORMATS.join(', ')}`);
    const images = content.ImageInfoArray;
    if (!Array.isArray(images) || images.length === 0) throw badElement(i, 'ImageInfoArray must be a non-empty array');
    images.forEach((info) => checkImageInfo(info, i));
  }
}

/**
 * MsgBody: an array (90007) of valid elements (90002), at most 12 KB as JSON (`tooLong`: 93000,
 * or 90055 for batchsendmsg). Returns the elements and their JSON, the content of the dedup key.
 */
export function parseMsgBody(
  body: JsonObject,
  tooLong: VendorErrorEntry = Errors.MsgBodyTooLong,
): { elements: unknown[]; json: string } {
  const elements = body.MsgBody;
  if (!Array.isArray(elements)) throw new VendorError(Errors.MsgBodyNotArray);
  if (elements.length === 0) throw new VendorError(Errors.MsgBodyFormat, 'MsgBody has no element');
  elements.forEach(checkElement);
  const json = JSON.stringify(elements);
  if (utf8Bytes(json) > MSG_BODY_MAX_BYTES) throw new VendorError(tooLong, `MsgBody is over ${MSG_BODY_MAX_BYTES} bytes`);
  return { elements, json };
}

export const isUint32 = (value: unknown): value is number =>
  Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= UINT32_MAX;

/** An optional unsigned 32-bit field (MsgSeq, MsgRandom), else `error`. */
export function optionalUint32(value: unknown, error: VendorErrorEntry, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!isUint32(value)) throw new VendorError(error, `${name} must be an integer from 0 to ${UINT32_MAX}`);
  return value;
}

/** A random unsigned 32-bit integer: what the vendor fills in for an absent MsgSeq or MsgRandom. */
export const randomUint32 = (): number => Math.floor(Math.random() * (UINT32_MAX + 1));

/** A required account field's value as sent, else `error`. */
export function accountField(body: JsonObject, name: string, error: VendorErrorEntry): string {
  const value = body[name];
  if (typeof value !== 'string' || value === '') throw new VendorError(error, `${name} must be a non-empty string`);
  return value;
}

/** The stored identifier of an imported account (the app's admin always exists), else `error`. */
export function existing({ app, store }: CommandContext, name: string, error: VendorErrorEntry): string {
  if (name === app.admin) return name;
  const account = store.get(app.sdkappid, name);
  if (account === undefined) throw new VendorError(error, name);
  return account.identifier;
}

/** The optional fields a sent message keeps: CloudCustomData, OfflinePushInfo, SyncOtherMachine, MsgLifeTime. */
export function messageOptions(body: JsonObject, lifeTimeMax?: number) {
  const { CloudCustomData, OfflinePushInfo, SyncOtherMachine, MsgLifeTime } = body;
  if (CloudCustomData !== undefined && typeof CloudCustomData !== 'string') {
    throw new VendorError(Errors.MsgRequestFormat, 'CloudCustomData must be a string');
  }
  if (OfflinePushInfo !== undefined && !isRecord(OfflinePushInfo)) throw new VendorError(Errors.MsgOfflinePushInfo);
  if (SyncOtherMachine !== undefined && SyncOtherMachine !== 1 && SyncOtherMachine !== 2) {
    throw new VendorError(Errors.MsgSyncOtherMachine, 'SyncOtherMachine must be 1 or 2');
  }
  if (MsgLifeTime !== undefined && !(Number.isSafeInteger(MsgLifeTime) && (MsgLifeTime as number) >= 0)) {
    throw new VendorError(Errors.MsgLifeTimeType);
  }
  if (lifeTimeMax !== undefined && typeof MsgLifeTime === 'number' && MsgLifeTime > lifeTimeMax) {
    throw new VendorError(Errors.MsgLifeTimeTooLarge, `MsgLifeTime is at most ${lifeTimeMax}`);
  }
  return {
    cloudCustomData: CloudCustomData as string | undefined,
    offlinePushInfo: OfflinePushInfo as Record<string, unknown> | undefined,
    syncOtherMachine: SyncOtherMachine as number | undefined,
    msgLifeTime: MsgLifeTime as number | undefined,
  };
}
