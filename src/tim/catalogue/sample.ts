import { Kind, type TSchema } from '@sinclair/typebox';

/** What a generated value is drawn from: the call's own random numbers and the emulator's time. */
export interface SampleContext {
  random: () => number;
  /** Seconds since the epoch on the emulator's clock. */
  now: number;
}

interface Bounds {
  minimum?: number;
  maximum?: number;
  maxLength?: number;
}

const clamp = (value: number, { minimum, maximum }: Bounds): number =>
  Math.min(maximum ?? Infinity, Math.max(minimum ?? -Infinity, value));

/** A string fit for the field's name: account ids, group ids, message keys and URLs look like the vendor's. */
function sampleString(name: string, ctx: SampleContext, { maxLength }: Bounds): string {
  const n = Math.floor(ctx.random() * 1000);
  const text = /Account|UserID|Identifier/.test(name)
    ? `user${n}`
    : /GroupId/.test(name)
      ? `@TGS#${(ctx.random() * 2 ** 32).toString(36).slice(0, 9).toUpperCase()}`
      : /MsgKey/.test(name)
        ? `${n}_${Math.floor(ctx.random() * 2 ** 31)}_${ctx.now}`
        : /Url|URL/.test(name)
          ? `https://example.com/${name.toLowerCase()}/${n}`
          : `${name || 'value'}${n}`;
  return maxLength === undefined ? text : text.slice(0, maxLength);
}

/**
 * A value valid by `schema`: every field for a reply, only the required ones for a minimal
 * request. Times are the emulator's clock; everything else comes from `ctx.random`, so one seed
 * gives one value.
 */
export function sampleOf(schema: TSchema, ctx: SampleContext, requiredOnly = false, name = ''): unknown {
  switch (schema[Kind]) {
    case 'Literal':
      return schema.const;
    case 'Union':
      return sampleOf((schema.anyOf as TSchema[])[0] as TSchema, ctx, requiredOnly, name);
    case 'Object': {
      const required = new Set<string>(schema.required ?? []);
      const entries = Object.entries(schema.properties as Record<string, TSchema>)
        .filter(([key]) => !requiredOnly || required.has(key))
        .map(([key, value]) => [key, sampleOf(value, ctx, requiredOnly, key)]);
      return Object.fromEntries(entries);
    }
    case 'Array':
      return [sampleOf(schema.items as TSchema, ctx, requiredOnly, name)];
    case 'String':
      return sampleString(name, ctx, schema as Bounds);
    case 'Integer':
      return clamp(/Time|Stamp/i.test(name) ? ctx.now : Math.floor(ctx.random() * 100), schema as Bounds);
    case 'Number':
      return clamp(Math.round(ctx.random() * 10000) / 100, schema as Bounds);
    case 'Boolean':
      return false;
    default:
      return {};
  }
}

/** A 32-bit FNV-1a hash: the seed of a stubbed call's values, from its path and body. */
export function hashSeed(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}
