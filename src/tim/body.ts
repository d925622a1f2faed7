import { Errors, VendorError, type VendorErrorEntry } from './errors.js';
import { isRecord } from '../shared/is-record.js';
import { parseJsonText } from '../shared/json-text.js';

export type JsonObject = Record<string, unknown>;

/**
 * Parses a vendor request body. The vendor reads the body as JSON whatever the Content-Type,
 * so this is applied to the raw text. `__proto__` and `constructor.prototype` keys are dropped
 * (they cannot reach any prototype) and the rest of the body is answered as usual.
 */
export function parseBody(raw: string | undefined, badRequest: VendorErrorEntry): JsonObject {
  if (raw === undefined || raw.trim() === '') throw new VendorError(Errors.JsonParse, 'the body is empty');
  let value: unknown;
  try {
    value = parseJsonText(raw);
  } catch {
    throw new VendorError(Errors.JsonParse);
  }
  if (!isRecord(value)) {
    throw new VendorError(badRequest, 'the body must be a JSON object');
  }
  return value as JsonObject;
}
