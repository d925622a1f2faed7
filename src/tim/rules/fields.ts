import { Buffer } from 'node:buffer';
import type { JsonObject } from '../body.js';
import { VendorError, type VendorErrorEntry } from '../errors.js';
import { isRecord } from '../../shared/is-record.js';

/**
 * Field readers for the group and relationship commands: each throws `bad` (the command's
 * format code) naming the field, so a command's `parse` reads as the vendor's field table.
 */
export class Fields {
  readonly #body: JsonObject;
  readonly #bad: VendorErrorEntry;

  constructor(body: JsonObject, bad: VendorErrorEntry) {
    this.#body = body;
    this.#bad = bad;
  }

  fail(detail: string): never {
    throw new VendorError(this.#bad, detail);
  }

  /** A string of 1 to `maxBytes` UTF-8 bytes. */
  string(field: string, maxBytes = Number.MAX_SAFE_INTEGER): string {
    const value = this.optionalString(field, maxBytes);
    if (value === undefined || value === '') this.fail(`${field} is required`);
    return value;
  }

  /** An absent string, or one of at most `maxBytes` UTF-8 bytes. */
  optionalString(field: string, maxBytes = Number.MAX_SAFE_INTEGER): string | undefined {
    const value = this.#body[field];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') this.fail(`${field} must be a string`);
    if (Buffer.byteLength(value) > maxBytes) this.fail(`${field} is over ${maxBytes} bytes`);
    return value;
  }

  /** An absent value, or one of `values`. */
  optionalOneOf<T extends string>(field: string, values: readonly T[]): T | undefined {
    const value = this.#body[field];
    if (value === undefined) return undefined;
    if (!values.includes(value as T)) this.fail(`${field} must be one of ${values.join(', ')}`);
    return value as T;
  }

  /** An absent value, or a whole number from `min` to `max`. */
  optionalInteger(field: string, min: number, max: number): number | undefined {
    const value = this.#body[field];
    if (value === undefined) return undefined;
    if (!Number.isSafeInteger(value) || (value as number) < min || (value as number) > max) {
      this.fail(`${field} must be a whole number from ${min} to ${max}`);
    }
    return value as number;
  }

  /** An array of `min` to `max` entries, each of the kind `isItem` accepts. */
  list<T>(field: string, isItem: (entry: unknown) => entry is T, kind: string, max: number, min = 1): T[] {
    const value = this.#body[field];
    if (!Array.isArray(value) || value.length < min || value.length > max) {
      this.fail(`${field} must be an array of ${min} to ${max} entries`);
    }
    if (!value.every(isItem)) this.fail(`every entry of ${field} must be ${kind}`);
    return value;
  }

  /** An absent list, or one as `list` reads it (possibly empty). */
  optionalList<T>(field: string, isItem: (entry: unknown) => entry is T, kind: string, max: number): T[] | undefined {
    return this.#body[field] === undefined ? undefined : this.list(field, isItem, kind, max, 0);
  }
}

export const isString = (value: unknown): value is string => typeof value === 'string';
export const isNonEmptyString = (value: unknown): value is string => typeof value === 'string' && value !== '';

/** An object whose `key` is a non-empty string. */
export const hasString =
  (key: string) =>
  (value: unknown): value is JsonObject & Record<typeof key, string> =>
    isRecord(value) && isNonEmptyString(value[key]);

/** Any JSON object. */
export const isRecordItem = (value: unknown): value is JsonObject => isRecord(value);
