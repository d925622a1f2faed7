import { isIP } from 'node:net';
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Check } from '@sinclair/typebox/value';
import { UINT32_MAX } from '../model/accounts/account-schema.js';
import { ACCOUNT_LIMIT_MAX, COOLDOWN_DAYS_MAX, PLANS } from '../model/plans.js';
import { ConfigError } from '../shared/mock-errors.js';
import { isHostname, normalHost } from '../transport/hosts.js';

/** SDKAppIDs are 32-bit unsigned integers; 0 is no app. */
export const SDKAPPID_MAX = UINT32_MAX;
export const LOG_FORMATS = ['pretty', 'json'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * A refused value described by its length and kind, never quoted: a value given to the wrong
 * flag (`--port <secret key>`) would otherwise be printed.
 */
export function describeValue(raw: string): string {
  const kind = /^\d+$/.test(raw)
    ? 'digits'
    : /^[+-]?\d*\.?\d+(?:e[+-]?\d+)?$/i.test(raw)
      ? 'a number that is not a whole one'
      : /^[0-9a-f]+$/i.test(raw)
        ? 'hex digits'
        : /^[0-9a-z]+$/i.test(raw)
          ? 'letters and digits'
          : /\s/.test(raw)
            ? 'text with spaces'
            : 'text';
  return `${raw.length} character${raw.length === 1 ? '' : 's'} of ${kind}`;
}

/** One of the given words; Unsafe gives the union of literals its static type. */
const choices = <const T extends readonly string[]>(values: T) =>
  Type.Unsafe<T[number]>(Type.Union(values.map((v) => Type.Literal(v))));
const whole = (minimum: number, maximum: number) => Type.Integer({ minimum, maximum });
const text = Type.String({ minLength: 1 });
/** A comma-separated list of hostnames and IP addresses (TIM_TLS_HOSTS). */
const hostList = Type.Array(Type.String(), { minItems: 1, format: 'host-list' });
/** A whole number of accounts, or `none` for no cap. */
const accountCap = Type.Union([whole(0, ACCOUNT_LIMIT_MAX), Type.Null()], { format: 'or-none' });

/**
 * Turns the text of a variable or flag into the value its schema describes, or a ConfigError
 * that names the setting and describes, never quotes, what was given.
 */
function fromText(schema: TSchema, raw: string, name: string): unknown {
  if (schema.format === 'or-none') return raw === 'none' ? null : fromText(schema.anyOf[0], raw, `${name} (or none)`);
  if (schema.format === 'host-list') {
    const hosts = raw.split(',').map((h) => normalHost(h)).filter((h) => h !== '');
    const bad = hosts.find((h) => !isHostname(h) && isIP(h) === 0);
    if (bad !== undefined) throw new ConfigError(`${name} must be comma-separated hostnames or IP addresses; one is ${describeValue(bad)}`);
    if (hosts.length === 0) throw new ConfigError(`${name} must name at least one host`);
    return hosts;
  }
  if (schema.type === 'integer') {
    const value = Number(raw);
    if (!/^\d+$/.test(raw.trim()) || !Check(schema, value)) {
      throw new ConfigError(`${name} must be a whole number from ${schema.minimum} to ${schema.maximum}; got ${describeValue(raw)}`);
    }
    return value;
  }
  if (schema.type === 'boolean') {
    if (raw !== 'true' && raw !== 'false') throw new ConfigError(`${name} must be true or false; got ${describeValue(raw)}`);
    return raw === 'true';
  }
  if (schema.anyOf !== undefined) {
    const allowed = (schema.anyOf as TSchema[]).map((s) => String(s.const));
    const list = allowed.length === 2 ? allowed.join(' or ') : `one of ${allowed.join(', ')}`;
    if (!allowed.includes(raw)) throw new ConfigError(`${name} must be ${list}; got ${describeValue(raw)}`);
    return raw;
  }
  if (raw.trim() === '') throw new ConfigError(`${name} must not be empty`);
  return raw;
}

interface Row<S extends TSchema> {
  env: string;
  flag: string;
  schema: S;
  help: string;
  parse: (raw: string, name: string) => Static<S>;
}

/** A setting; with `default`, the value it has when it is not given. */
function row<S extends TSchema>(env: string, flag: string, schema: S, help: string): Row<S>;
function row<S extends TSchema, D extends Static<S>>(
  env: string, flag: string, schema: S, help: string, defaults: { default: D },
): Row<S> & { default: D };
function row<S extends TSchema>(
  env: string, flag: string, schema: S, help: string, defaults?: { default: Static<S> },
): Row<S> {
  return { env, flag, schema, help, ...defaults, parse: (raw, name) => fromText(schema, raw, name) as Static<S> };
}

/**
 * Every setting that is both an environment variable and a CLI flag, written once: its name,
 * the type of its value, its help and its default. Parsing, `--help` and the defaults of
 * `resolveOptions` are read from this table.
 */
export const SETTINGS = {
  port: row('PORT', 'port', whole(0, 65535), 'port to listen on; 0 picks a free one', { default: 8080 }),
  host: row('HOST', 'host', text, 'address to listen on', { default: '127.0.0.1' }),
  sdkappid: row('TIM_SDKAPPID', 'sdkappid', whole(1, SDKAPPID_MAX), 'declare one app (needs the secret key)'),
  admin: row('TIM_ADMIN', 'admin', text, "the apps' administrator identifier", { default: 'administrator' }),
  secretKey: row('TIM_SECRET_KEY', 'secret-key', text, 'secret key of the app declared by --sdkappid'),
  rateLimit: row('TIM_RATE_LIMIT', 'rate-limit', whole(0, 1e9), 'calls/s per app on the seed endpoints; 0 = off', { default: 1000 }),
  logLevel: row('LOG_LEVEL', 'log-level', choices(LOG_LEVELS), LOG_LEVELS.join('|'), { default: 'info' }),
  logBuffer: row('TIM_LOG_BUFFER', 'log-buffer', whole(4096, 1024 * 1024 * 1024), 'bytes of log lines held for a slow stdout pipe; more are dropped, counted', {
    default: 1024 * 1024,
  }),
  logFormat: row('LOG_FORMAT', 'log-format', choices(LOG_FORMATS), 'pretty|json (default: pretty on a terminal, json lines otherwise)'),
  config: row('TIM_CONFIG', 'config', text, 'JSON file declaring apps and rate limits'),
  fixtures: row('TIM_FIXTURES', 'fixtures', text, 'JSON file of accounts loaded at start'),
  journalSize: row('TIM_JOURNAL_SIZE', 'journal-size', whole(0, 1e7), 'requests kept in the journal; 0 = off', { default: 1000 }),
  mockToken: row('TIM_MOCK_TOKEN', 'mock-token', text, 'bearer token required by /__mock routes (default: open)'),
  stateFile: row('TIM_STATE_FILE', 'state-file', text, 'file the state is loaded from and saved to'),
  saveInterval: row('TIM_SAVE_INTERVAL', 'save-interval', whole(0, 86400), 'seconds between state saves; 0 = on shutdown only', { default: 0 }),
  plan: row('TIM_PLAN', 'plan', choices(PLANS), 'plan of the --sdkappid app and of zero-config apps: trial|developer|pro|ultimate (default none)'),
  accountLimit: row('TIM_ACCOUNT_LIMIT', 'account-limit', accountCap, "most accounts per app (70398 past it); none = no cap (default: the plan's)"),
  deleteEnabled: row('TIM_DELETE_ENABLED', 'delete-enabled', Type.Boolean(), "true|false: account_delete works, else 71000 (default: the plan's)"),
  reimportCooldownDays: row(
    'TIM_REIMPORT_COOLDOWN_DAYS',
    'reimport-cooldown-days',
    whole(0, COOLDOWN_DAYS_MAX),
    "days a deleted account cannot be re-imported (70399); 0 = off (default: the plan's)",
  ),
  bodyLimit: row('TIM_BODY_LIMIT', 'body-limit', whole(64, 64 * 1024 * 1024), 'largest request body in bytes', { default: 1024 * 1024 }),
  stateBodyLimit: row('TIM_STATE_BODY_LIMIT', 'state-body-limit', whole(64, 1024 * 1024 * 1024), 'largest PUT /__mock/state body in bytes, one over --body-limit read at a time', {
    default: 64 * 1024 * 1024,
  }),
  requestTimeout: row('TIM_REQUEST_TIMEOUT', 'request-timeout', whole(100, 600000), 'ms a client has to send a whole request', { default: 10_000 }),
  httpsPort: row('TIM_HTTPS_PORT', 'https-port', whole(0, 65535), 'HTTPS listener port (same API over TLS); 0 picks a free one (default: none)'),
  tlsCert: row('TIM_TLS_CERT', 'tls-cert', text, 'PEM certificate to serve TLS with (needs --tls-key; default: a leaf of the own CA)'),
  tlsKey: row('TIM_TLS_KEY', 'tls-key', text, 'PEM private key of --tls-cert'),
  tlsDir: row('TIM_TLS_DIR', 'tls-dir', text, 'directory the CA (ca.pem, ca-key.pem) is loaded from or saved to (default: a new CA per start)'),
  unemulated: row(
    'TIM_UNEMULATED',
    'unemulated',
    choices(['stub', 'refuse'] as const),
    'stub|refuse: documented commands not emulated answer a validated stub, or a FAIL naming them (default stub)',
  ),
  stubsDir: row('TIM_STUBS_DIR', 'stubs-dir', text, 'folder of user stubs: <vendor host>/v4/<service>/<command>.json'),
  callbackUrl: row('TIM_CALLBACK_URL', 'callback-url', text, 'http(s) URL the --sdkappid app sends third-party callbacks to (default: none)'),
  callbackToken: row('TIM_CALLBACK_TOKEN', 'callback-token', text, "the --sdkappid app's callback token (at most 128 characters): callbacks carry Sign"),
  callbackTimeoutMs: row('TIM_CALLBACK_TIMEOUT_MS', 'callback-timeout-ms', whole(1, 60000), 'ms a before-callback may take before the event goes ahead', {
    default: 2000,
  }),
  tlsHosts: row('TIM_TLS_HOSTS', 'tls-hosts', hostList, 'comma-separated extra hostnames/IPs served as the vendor (certificate, proxy, intercept)'),
};

type Table = typeof SETTINGS;
export type SettingName = keyof Table;
/** The settings as read from the environment and flags: each one's value, when it was given. */
export type RawSettings = { [K in SettingName]?: Static<Table[K]['schema']> };
type Defaulted = { [K in SettingName as Table[K] extends { default: unknown } ? K : never]: Static<Table[K]['schema']> };

/** The settings that have a default value, read from the table. */
export const DEFAULTS = Object.fromEntries(
  Object.entries(SETTINGS).flatMap(([name, s]) => ('default' in s ? [[name, s.default]] : [])),
) as Defaulted;

/** Text for `--help`, from the table: each flag, its variable, its help and its default. */
export function usage(): string {
  const rows = Object.values(SETTINGS).map((s) => {
    const fallback = 'default' in s ? ` (default ${String(s.default)})` : '';
    return `  --${s.flag.padEnd(24)} ${s.env.padEnd(27)} ${s.help}${fallback}`;
  });
  return [
    'Usage: tim-account-mock [options]',
    '       tim-account-mock usersig --sdkappid N --secret-key K [--identifier ID] [--expire SECONDS]   (prints a UserSig)',
    '',
    '  flag                       environment variable',
    ...rows,
    '',
  ].join('\n');
}

/** A parser of a whole number from `min` to `max`, worded as the table's settings are (the usersig command's flags). */
export const integer =
  (min: number, max: number) =>
  (raw: string, name: string): number =>
    fromText(whole(min, max), raw, name) as number;
