/**
 * Writes src/tim/catalogue/generated.ts from the vendor's OpenAPI description of its REST API
 * (openapi.yaml, published by Tencent Cloud in TencentCloud/tencentcloud-im-sdk-java at commit
 * af17261, file api/openapi.yaml, MIT). The repository keeps the generated file, so that building,
 * testing and running never need the description itself.
 *
 *   npm run gen:api -- <path to openapi.yaml>
 *
 * Facts only are taken (paths, sections, field names, types, required fields, enums, limits);
 * the description's sentences are not copied. Where the vendor's command pages disagree with it,
 * PATCHES below say so, and docs/differences.md records each.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';

type Schema = Record<string, any>;

const source = process.argv[2];
if (source === undefined) {
  console.error('usage: npm run gen:api -- <path to the vendor\'s openapi.yaml>');
  process.exit(2);
}
const out = new URL('../src/tim/catalogue/generated.ts', import.meta.url);
const doc = parse(readFileSync(source, 'utf8')) as Schema;
const components = doc.components.schemas as Record<string, Schema>;

/**
 * Where the command pages win over the 2022 description, by request schema name: fields renamed
 * (admin_getroammsg takes Operator_Account / Peer_Account, https://cloud.tencent.com/document/product/269/42794)
 * and required names that are not properties (ImageInfo requires `Url`, its property is `URL`).
 */
const RENAMED: Record<string, Record<string, string>> = {
  GetRoamMsgRequest: { From_Account: 'Operator_Account', To_Account: 'Peer_Account' },
};

const refName = (ref: string): string => ref.replace('#/components/schemas/', '');

function resolve(schema: Schema): Schema {
  return schema.$ref ? resolve(components[refName(schema.$ref)] as Schema) : schema;
}

/** allOf parts merged into one object schema (the description uses allOf for CommonResponse + own fields). */
function flatten(schema: Schema, name?: string): Schema {
  const s = resolve(schema);
  const renames: Record<string, string> = (name === undefined ? undefined : RENAMED[name]) ?? {};
  if (s.allOf) {
    const parts = (s.allOf as Schema[]).map((p) => flatten(p));
    return {
      type: 'object',
      properties: Object.assign({}, ...parts.map((p) => p.properties ?? {})),
      required: parts.flatMap((p) => p.required ?? []),
    };
  }
  if (Object.keys(renames).length === 0) return s;
  const rename = (k: string): string => renames[k] ?? k;
  return {
    ...s,
    properties: Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [rename(k), v])),
    required: (s.required ?? []).map(rename),
  };
}

/** A literal in the code's style (single quotes). */
const lit = (v: unknown): string =>
  typeof v === 'string' ? `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : JSON.stringify(v);

function options(entries: Record<string, unknown>): string {
  const set = Object.entries(entries).filter(([, v]) => v !== undefined);
  return set.length === 0 ? '' : `{ ${set.map(([k, v]) => `${k}: ${lit(v)}`).join(', ')} }`;
}

const UINT32_MAX = 4294967295;
const ACCOUNT_FIELD = /(_Account|^UserID|^Identifier)$/;

/** TypeBox source for a JSON schema of the description. */
function typebox(input: Schema, depth = 0, name?: string): string {
  if (depth > 12) throw new Error('schema nested too deeply: a recursive $ref?');
  const s = flatten(input, name ?? (input.$ref ? refName(input.$ref) : undefined));
  if (s.oneOf) return `Type.Union([${(s.oneOf as Schema[]).map((b) => typebox(b, depth + 1)).join(', ')}])`;
  if (s.enum) return `Type.Union([${(s.enum as unknown[]).map((v) => `Type.Literal(${lit(v)})`).join(', ')}])`;
  const type = s.type ?? (s.properties ? 'object' : undefined);
  switch (type) {
    case 'string':
      return `Type.String(${options({ maxLength: s.maxLength, minLength: s.minLength })})`;
    case 'integer': {
      const uint = s.format === 'uint32';
      return `Type.Integer(${options({ minimum: s.minimum ?? (uint ? 0 : undefined), maximum: s.maximum ?? (uint ? UINT32_MAX : undefined) })})`;
    }
    case 'number':
      return `Type.Number(${options({ minimum: s.minimum, maximum: s.maximum })})`;
    case 'boolean':
      return 'Type.Boolean()';
    case 'array':
      return `Type.Array(${typebox(s.items ?? {}, depth + 1)}${s.maxItems === undefined ? '' : `, { maxItems: ${s.maxItems} }`})`;
    case 'object': {
      const props = (s.properties ?? {}) as Record<string, Schema>;
      const required = new Set<string>(s.required ?? []);
      const fields = Object.entries(props).map(([key, value]) => {
        // A TIM message element's MsgType names its kind: the discriminator of TIMMsgElement.
        // Accounts are strings on every page, though the description types a few reply ones as integers.
        const v = key === 'MsgType' && value.default !== undefined
          ? `Type.Literal(${lit(value.default)})`
          : ACCOUNT_FIELD.test(key) && resolve(value).type === 'integer'
            ? 'Type.String()'
            : typebox(value, depth + 1);
        return `${/^[A-Za-z_$][\w$]*$/.test(key) ? key : lit(key)}: ${required.has(key) ? v : `Type.Optional(${v})`}`;
      });
      return fields.length === 0 ? 'Type.Object({})' : `Type.Object({ ${fields.join(', ')} })`;
    }
    default:
      return 'Type.Unknown()';
  }
}

/** The fields a reply adds to ActionStatus, ErrorInfo and ErrorCode. */
function replyFields(schema: Schema | undefined): Schema {
  if (schema === undefined) return { type: 'object', properties: {} };
  const s = flatten(schema);
  const properties = { ...(s.properties ?? {}) } as Record<string, Schema>;
  for (const common of ['ActionStatus', 'ErrorInfo', 'ErrorCode']) delete properties[common];
  return { type: 'object', properties, required: [] };
}

const names: string[] = [];
const schemas: string[] = [];
for (const [path, item] of Object.entries(doc.paths as Record<string, Schema>)) {
  const op = item.post as Schema;
  const [, , service, command] = path.split('/');
  const page = /https:\/\/cloud\.tencent\.com\/document\/product\/269\/\d+/.exec(String(op.summary))?.[0];
  const requestRef = op.requestBody?.content?.['application/json']?.schema as Schema | undefined;
  const replyRef = op.responses?.['200']?.content?.['application/json']?.schema as Schema | undefined;
  const request = requestRef ? typebox(requestRef) : 'Type.Object({})';
  names.push(`  [${lit(op.tags[0])}, ${lit(service)}, ${lit(command)}, ${lit(page)}],`);
  schemas.push(`  [() => ${request}, () => ${typebox(replyFields(replyRef))}],`);
}

const text = `// Generated by scripts/gen-api.ts (npm run gen:api) from the vendor's OpenAPI description of its REST API
// (TencentCloud/tencentcloud-im-sdk-java af17261, api/openapi.yaml, MIT). Do not edit: change the generator.
/* eslint-disable @stylistic/max-len */
import { Type } from '@sinclair/typebox';
import { catalogueOf, type CatalogueEntry, type CatalogueName, type CatalogueSchemas } from './entry.js';

/** Every command of the description: its section, service, command and vendor page. */
const names: readonly CatalogueName[] = [
${names.join('\n')}
];

/** Their request schemas and reply fields, in the same order (see catalogueOf). */
const schemas = (): readonly CatalogueSchemas[] => [
${schemas.join('\n')}
];

/** Every command of the description: its section, path, vendor page, request schema and reply fields. */
export const generated: readonly CatalogueEntry[] = catalogueOf(names, schemas);
`;
writeFileSync(out, text);
console.log(`wrote ${names.length} commands to ${out.pathname}`);
