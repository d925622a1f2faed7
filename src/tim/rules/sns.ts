import { Type } from '@sinclair/typebox';
import type { CommandCodes, CommandContext } from '../command.js';
import { Errors, VendorError, type VendorErrorEntry } from '../errors.js';
import type { JsonObject } from '../body.js';
import { Fields, isNonEmptyString } from './fields.js';
import { stringEnum } from '../reply.js';
import { isRecord } from '../../shared/is-record.js';

/**
 * The codes the sns commands share (https://cloud.tencent.com/document/product/269/1643 and
 * siblings): 30001 for a malformed request, 30004 for a caller that is not the admin, 60006
 * for a bad sdkappid, 30003 when From_Account is not an account.
 */
export const snsCodes = (own: readonly VendorErrorEntry[] = []): CommandCodes => ({
  badRequest: Errors.SnsBadRequest,
  invalidSdkAppId: Errors.InvalidSdkAppId,
  notAdmin: Errors.SnsNotAdmin,
  own: [Errors.SnsAccountNotFound, Errors.SnsInternal, ...own],
});

export const snsFields = (body: JsonObject): Fields => new Fields(body, Errors.SnsBadRequest);

/** Throws 30003 unless `account` is an account of the app. */
export function assertFromAccount({ app, store }: CommandContext, account: string): void {
  if (store.get(app.sdkappid, account) === undefined) throw new VendorError(Errors.SnsAccountNotFound, account);
}

/** One item's outcome: ResultCode 0 with an empty ResultInfo, or a catalogue code with its text. */
export const itemResult = (account: string, entry?: VendorErrorEntry) => ({
  To_Account: account,
  ResultCode: entry?.code ?? 0,
  ResultInfo: entry?.info ?? '',
});

/** The accounts whose item failed, as the vendor's Fail_Account lists them. */
export const failed = (items: ReadonlyArray<{ To_Account: string; ResultCode: number }>): string[] =>
  items.filter((i) => i.ResultCode !== 0).map((i) => i.To_Account);

export const ResultItem = Type.Object({
  To_Account: Type.String(),
  ResultCode: Type.Integer(),
  ResultInfo: Type.String(),
});

export const FailAccount = Type.Optional(Type.Array(Type.String(), { description: 'the accounts whose item failed' }));

/** `To_Account`: 1 to `max` accounts. */
export const toAccounts = (f: Fields, max: number): string[] => f.list('To_Account', isNonEmptyString, 'an account', max);

/** The reply's `{Tag, Value}` entries. */
export const TagValue = Type.Object({ Tag: Type.String(), Value: Type.Unknown() });

export const DELETE_TYPES = ['Delete_Type_Single', 'Delete_Type_Both'] as const;
export const DeleteTypeSchema = stringEnum(DELETE_TYPES, { description: 'Single (the default): only From_Account\'s list; Both: both lists' });

/** The body of the commands that name From_Account and 1 to `max` To_Account. */
export const fromAndTo = (max: number) =>
  Type.Object({ From_Account: Type.String(), To_Account: Type.Array(Type.String(), { minItems: 1, maxItems: max }) });

/** friend_check's and black_list_check's items: the account, its relation, its ResultCode. */
export const RelationItem = (relations: readonly string[]) =>
  Type.Object({
    To_Account: Type.String(),
    Relation: stringEnum(relations),
    ResultCode: Type.Integer(),
    ResultInfo: Type.String(),
  });

const toAccountOf = (entry: unknown): unknown => (isRecord(entry) ? entry.To_Account : undefined);

/** The accounts of `From_Account` and of the items of `list` (To_Account), as sent. */
export const fromAndItems = (body: JsonObject, list: unknown): string[] => [
  ...(typeof body.From_Account === 'string' ? [body.From_Account] : []),
  ...(Array.isArray(list) ? list.map(toAccountOf).filter(isNonEmptyString) : []),
];
