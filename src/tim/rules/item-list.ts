import { Type, type TSchema } from '@sinclair/typebox';
import type { JsonObject } from '../body.js';
import { Errors, VendorError } from '../errors.js';
import { isRecord } from '../../shared/is-record.js';

// The list rule of the three im_open_login_svc companions, written once: 1 to 100 entries, else 70402.

/** The most items the companion endpoints take in one call (vendor: "at most 100"). */
export const MAX_ITEMS = 100;

/** A request list's schema, for the OpenAPI document. */
export const itemListSchema = <T extends TSchema>(item: T, description: string) =>
  Type.Array(item, { minItems: 1, maxItems: MAX_ITEMS, description: `${description}, 1 to ${MAX_ITEMS}` });

/** The list `body[field]`: an array of 1 to 100 entries, each of the kind `isItem` accepts, else 70402. */
export function itemList<T>(
  body: JsonObject,
  field: string,
  isItem: (entry: unknown) => entry is T,
  kind: string,
): T[] {
  const list = body[field];
  if (!Array.isArray(list) || list.length === 0 || list.length > MAX_ITEMS) {
    throw new VendorError(Errors.ImportBadRequest, `${field} must be an array of 1 to ${MAX_ITEMS} entries`);
  }
  if (!list.every(isItem)) throw new VendorError(Errors.ImportBadRequest, `every entry of ${field} must be ${kind}`);
  return list;
}

/** The accounts a request list names, as sent (for faults and the journal); entries naming none are skipped. */
export function accountsIn(list: unknown, nameOf: (entry: unknown) => unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list.map(nameOf).filter((name): name is string => typeof name === 'string');
}

/** The UserID of a `{"UserID":"..."}` item, if it has one. */
export const userIdOf = (entry: unknown): unknown => (isRecord(entry) ? entry.UserID : undefined);

const isUserIdItem = (entry: unknown): entry is { UserID: string } => isRecord(entry) && typeof entry.UserID === 'string';

/** `{"UserID":"..."}` items (account_check, account_delete): the UserIDs in request order. */
export function userIdItems(body: JsonObject, field: string): string[] {
  return itemList(body, field, isUserIdItem, 'an object with a string UserID').map((item) => item.UserID);
}

/** The `{"UserID":"..."}` item schema of account_check and account_delete. */
export const UserIdItem = Type.Object({ UserID: Type.String({ description: 'the account' }) });
