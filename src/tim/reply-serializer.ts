import type { TSchema } from '@sinclair/typebox';

/** Turns a reply into its JSON text. */
export type Serialize = (value: unknown) => string;

// What JSON.stringify escapes in a string: control characters, quote, backslash and surrogates.
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[\u0000-\u001f"\\\ud800-\udfff]/;
const asString = (text: string): string => (NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`);

/** fast-json-stringify's coercions for a string field: null is "", a Date its ISO time, else toString(). */
function writeString(value: unknown): string {
  if (typeof value === 'string') return asString(value);
  if (value === null) return '""';
  if (value instanceof Date) return `"${value.toISOString()}"`;
  if (value instanceof RegExp) return asString(value.source);
  return asString((value as { toString(): string }).toString());
}

/** An integer field: a fraction is truncated; what is no number at all fails, as fast-json-stringify fails. */
function writeInteger(value: unknown): string {
  if (Number.isInteger(value)) return `${value as number}`;
  if (typeof value === 'bigint') return value.toString();
  const integer = Math.trunc(value as number);
  if (!Number.isFinite(integer)) throw new Error(`The value "${String(value)}" cannot be converted to an integer.`);
  return `${integer}`;
}

const writeAny: Serialize = (value) => JSON.stringify(value);

function writeArray(items: Serialize): Serialize {
  return (value) => {
    if (value === null) return '[]';
    if (!Array.isArray(value)) throw new TypeError('The value of an array field does not match schema definition.');
    return `[${value.map(items).join(',')}]`;
  };
}

function writeObject(schema: TSchema): Serialize {
  const properties = (schema.properties ?? {}) as Record<string, TSchema>;
  const required = new Set<string>(schema.required ?? []);
  // Required fields first, each group in the schema's order, as fast-json-stringify writes them.
  const keys = Object.keys(properties).sort((a, b) => Number(required.has(b)) - Number(required.has(a)));
  const fields = keys.map((key) => ({ key, prefix: `${JSON.stringify(key)}:`, write: replySerializer(properties[key] as TSchema), required: required.has(key) }));
  const named = new Set(keys);
  const extra = schema.additionalProperties === true;
  return (value) => {
    const object = typeof (value as { toJSON?: unknown } | null)?.toJSON === 'function' ? (value as { toJSON(): unknown }).toJSON() : value;
    if (object === null) return '{}';
    const record = object as Record<string, unknown>;
    let json = '';
    for (const { key, prefix, write, required: isRequired } of fields) {
      const field = record[key];
      if (field !== undefined) json += (json === '' ? prefix : `,${prefix}`) + write(field);
      else if (isRequired) throw new Error(`"${key}" is required!`);
    }
    if (extra) {
      for (const key of Object.keys(record)) {
        const field = record[key];
        if (named.has(key) || field === undefined || typeof field === 'function' || typeof field === 'symbol') continue;
        json += `${json === '' ? '' : ','}${asString(key)}:${JSON.stringify(field)}`;
      }
    }
    return `{${json}}`;
  };
}

/** The keywords a reply schema may use; any other would change what fast-json-stringify writes. */
const KNOWN = new Set(['type', 'properties', 'required', 'additionalProperties', 'items', 'enum', 'description', 'minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems', 'pattern', 'title', 'examples']);

/**
 * A vendor reply's serializer, made by walking its schema once. It writes what
 * fast-json-stringify would write from the same schema (fields the schema does not name left
 * out, required ones first), for the few keywords reply schemas use, and refuses a schema with
 * any other. fast-json-stringify itself, with the Ajv it loads, cost a process more than a tenth
 * of its start and each command a compile on its first reply.
 */
export function replySerializer(schema: TSchema): Serialize {
  const unknown = Object.keys(schema).filter((key) => !KNOWN.has(key));
  const extra = schema.additionalProperties;
  if (unknown.length > 0 || (extra !== undefined && typeof extra !== 'boolean')) {
    throw new Error(`a reply schema uses ${unknown.join(', ') || 'an additionalProperties schema'}, which the reply serializer does not write`);
  }
  switch (schema.type) {
    case 'object':
      return writeObject(schema);
    case 'array':
      return writeArray(replySerializer((schema.items ?? {}) as TSchema));
    case 'string':
      return writeString;
    case 'integer':
      return writeInteger;
    case undefined:
      return writeAny;
    default:
      throw new Error(`a reply schema uses type ${JSON.stringify(schema.type)}, which the reply serializer does not write`);
  }
}
