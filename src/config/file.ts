import { Type, type Static, type TObject } from '@sinclair/typebox';
import { Errors } from '@sinclair/typebox/errors';
import { AppPatchSchema, RATE_LIMIT_MAX } from '../model/plans.js';
import { ConfigError } from '../shared/mock-errors.js';
import { describeValueError } from '../shared/schema-errors.js';
import { isRecord } from '../shared/is-record.js';
import { parseJsonFile } from '../shared/json-file.js';
import type { AppConfig, MockOptions } from './options.js';
import { SDKAPPID_MAX } from './table.js';

const RateLimitsSchema = Type.Record(Type.String(), Type.Integer({ minimum: 0, maximum: RATE_LIMIT_MAX }), {
  description: 'calls per second by command name (0 = unlimited), over the defaults',
});
const { rateLimits: _patchLimits, ...planFields } = AppPatchSchema.properties;

/** One declared app of the config file. */
const ConfigAppSchema = Type.Object(
  {
    sdkappid: Type.Integer({ minimum: 1, maximum: SDKAPPID_MAX }),
    admin: Type.Optional(Type.String({ minLength: 1 })),
    secretKey: Type.String({ minLength: 1 }),
    rateLimits: Type.Optional(RateLimitsSchema),
    ...planFields,
  },
  { additionalProperties: false },
);

/**
 * The JSON config file (TIM_CONFIG, --config). Unknown keys are refused: a misspelt one ("plna")
 * would otherwise be ignored. Rate limit names are checked against the served commands by
 * `checkRateLimitNames`, when the app is built.
 */
export const ConfigFileSchema = Type.Object(
  { apps: Type.Array(ConfigAppSchema, { minItems: 1 }), rateLimits: Type.Optional(RateLimitsSchema) },
  { additionalProperties: false },
);

const fieldsOf = (schema: TObject): string => Object.keys(schema.properties).join(', ');

/**
 * Parses the JSON config file against ConfigFileSchema. Its errors are worded by the shared
 * describer, which names the field and never the value (a secret key in the wrong place).
 */
export function parseConfigFile(json: Uint8Array | string, file: string, defaultAdmin: string): Pick<MockOptions, 'apps' | 'rateLimits'> {
  const doc = parseJsonFile(json, `config file ${file}`);
  if (!isRecord(doc)) throw new ConfigError(`config file ${file} must hold a JSON object`);
  const error = Errors(ConfigFileSchema, doc).First();
  if (error !== undefined) {
    const what = error.path.startsWith('/apps/')
      ? `an app (one of ${fieldsOf(ConfigAppSchema)})`
      : `the config file (one of ${fieldsOf(ConfigFileSchema)})`;
    throw new ConfigError(`config file ${file}: ${describeValueError(error, 'the file', what)}`);
  }
  const valid = doc as Static<typeof ConfigFileSchema>;
  const seen = new Set<number>();
  const apps = valid.apps.map((app, i): AppConfig => {
    const where = `config file ${file}: apps[${i}]`;
    if (seen.has(app.sdkappid)) throw new ConfigError(`${where}.sdkappid ${app.sdkappid} is declared twice`);
    seen.add(app.sdkappid);
    const admin = app.admin ?? defaultAdmin;
    if (admin === '') throw new ConfigError(`${where}.admin must be a non-empty string`);
    return { ...app, admin, rateLimits: app.rateLimits ?? {} };
  });
  return { apps, rateLimits: valid.rateLimits ?? {} };
}
