import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { parseArgs } from 'node:util';
import { decodeJsonFile, JsonFileError, parseJsonText } from '../shared/json-file.js';
import type { DestinationStream } from 'pino';
import { UINT32_MAX } from '../model/accounts/account-schema.js';
import type { ControllableClock } from '../model/clock.js';
import { AppSettingsError } from '../shared/mock-errors.js';
import {
  AppPatchSchema,
  checkPlanFields,
  ACCOUNT_LIMIT_MAX,
  COOLDOWN_DAYS_MAX,
  PLANS,
  RATE_LIMIT_MAX,
  type Plan,
} from '../model/plans.js';
import { Type, type Static, type TObject } from '@sinclair/typebox';
import { Errors } from '@sinclair/typebox/errors';
import { describeValueError } from '../shared/schema-errors.js';
import { isHostname, normalHost } from '../transport/hosts.js';
import { isRecord } from '../shared/is-record.js';

/** An app the emulator serves in declared mode. */
export interface AppConfig {
  sdkappid: number;
  admin: string;
  secretKey: string;
  /** Calls per second per command name (`account_check`: 50), over the defaults. */
  rateLimits?: Record<string, number>;
  /** The app's plan, whose defaults the three settings below override; none: no cap, deletion on, no cooldown. */
  plan?: Plan | null;
  accountLimit?: number | null;
  deleteEnabled?: boolean;
  reimportCooldownDays?: number;
}

/** Everything the emulator can be told; the CLI, the environment and `buildApp` share it. */
export interface MockOptions {
  host: string;
  port: number;
  /** Declared apps; empty means zero-config mode (any numeric sdkappid, any non-empty usersig). */
  apps: AppConfig[];
  /** The admin identifier of zero-config apps. */
  admin: string;
  /** Calls per second per app for the two seed endpoints; 0 turns limiting off. */
  rateLimit: number;
  /** Calls per second per command name for every app, over the commands' own defaults. */
  rateLimits: Record<string, number>;
  logLevel: string;
  /** JSON lines (pino's own), or human-readable lines through pino-pretty. */
  logFormat: LogFormat;
  /** pino: true logs at `logLevel`, false is silent. The CLI logs; in-process use does not. */
  logger: boolean;
  /** Where log lines go instead of stdout (a test capturing them); logs even when `logger` is false. */
  logStream: DestinationStream | undefined;
  /**
   * CLI: bytes of log lines held for a stdout pipe that is not read fast enough; lines past it
   * are dropped and counted.
   */
  logBuffer: number;
  /**
   * A full garbage collection after a bulk removal of accounts, so that a long-lived process
   * returns the memory. The CLI does; in-process use does not (it would collect the host's heap).
   */
  reclaimMemory: boolean;
  fixtures: string | undefined;
  journalSize: number;
  mockToken: string | undefined;
  stateFile: string | undefined;
  /** Seconds between periodic state saves; 0 saves on shutdown only. */
  saveInterval: number;
  /** The plan of zero-config apps (the CLI also gives it to the TIM_SDKAPPID app). */
  plan: Plan | undefined;
  /**
   * The plan settings for every app, over its plan's defaults (an app's own AppConfig values
   * win); undefined leaves the plan's default. accountLimit null: no cap.
   */
  accountLimit: number | null | undefined;
  deleteEnabled: boolean | undefined;
  /** Days a deleted account may not be imported again (vendor 70399 on paid plans); 0 = off. */
  reimportCooldownDays: number | undefined;
  /** Largest request body in bytes; larger ones are refused without being read whole. */
  bodyLimit: number;
  /** Largest PUT /__mock/state body in bytes; one body over `bodyLimit` is read at a time. */
  stateBodyLimit: number;
  /** Milliseconds a client has to send a whole request, headers and body (slow clients get 60008). */
  requestTimeout: number;
  /** The clock the emulator reads (tests pass their own). */
  clock: ControllableClock | undefined;
  /** Port of the HTTPS listener (0 picks a free one); undefined: no HTTPS listener. */
  httpsPort: number | undefined;
  /** A PEM certificate and its key to serve TLS with, instead of a leaf signed by the emulator's CA. */
  tlsCert: string | undefined;
  tlsKey: string | undefined;
  /** Where the emulator's CA (ca.pem, ca-key.pem) and its leaf are loaded from, or saved to when made. */
  tlsDir: string | undefined;
  /** Names and addresses served as the vendor besides its own hostnames (a compose service name). */
  tlsHosts: string[];
  /** In-process use: answer this process's requests to the vendor's hostnames (startMockServer only). */
  intercept: boolean;
  /** How a documented command the emulator does not emulate answers: a validated stub, or a FAIL naming it. */
  unemulated: Unemulated;
  /** A folder of user stubs laid out as `<vendor host>/v4/<service>/<command>.json`, loaded at start. */
  stubsDir: string | undefined;
}

export const UNEMULATED = ['stub', 'refuse'] as const;
export type Unemulated = (typeof UNEMULATED)[number];

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Parser<T> = (raw: string, name: string) => T;

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

export const integer =
  (min: number, max: number): Parser<number> =>
  (raw, name) => {
    const value = Number(raw);
    if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
      throw new ConfigError(`${name} must be a whole number from ${min} to ${max}; got ${describeValue(raw)}`);
    }
    return value;
  };

const text: Parser<string> = (raw, name) => {
  if (raw.trim() === '') throw new ConfigError(`${name} must not be empty`);
  return raw;
};

/** A comma-separated list of hostnames and IP addresses (TIM_TLS_HOSTS). */
const hostList: Parser<string[]> = (raw, name) => {
  const hosts = raw.split(',').map((h) => normalHost(h)).filter((h) => h !== '');
  const bad = hosts.find((h) => !isHostname(h) && isIP(h) === 0);
  if (bad !== undefined) throw new ConfigError(`${name} must be comma-separated hostnames or IP addresses; one is ${describeValue(bad)}`);
  if (hosts.length === 0) throw new ConfigError(`${name} must name at least one host`);
  return hosts;
};

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const logLevel: Parser<string> = (raw, name) => {
  if (!LOG_LEVELS.includes(raw)) throw new ConfigError(`${name} must be one of ${LOG_LEVELS.join(', ')}; got ${describeValue(raw)}`);
  return raw;
};

const unemulated: Parser<Unemulated> = (raw, name) => {
  if (!(UNEMULATED as readonly string[]).includes(raw)) throw new ConfigError(`${name} must be stub or refuse; got ${describeValue(raw)}`);
  return raw as Unemulated;
};

const plan: Parser<Plan> = (raw, name) => {
  if (!PLANS.includes(raw as Plan)) throw new ConfigError(`${name} must be one of ${PLANS.join(', ')}; got ${describeValue(raw)}`);
  return raw as Plan;
};

const accountLimit: Parser<number | null> = (raw, name) => (raw === 'none' ? null : integer(0, ACCOUNT_LIMIT_MAX)(raw, `${name} (or none)`));

const boolean: Parser<boolean> = (raw, name) => {
  if (raw !== 'true' && raw !== 'false') throw new ConfigError(`${name} must be true or false; got ${describeValue(raw)}`);
  return raw === 'true';
};

export const LOG_FORMATS = ['pretty', 'json'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];
const logFormat: Parser<LogFormat> = (raw, name) => {
  if (!(LOG_FORMATS as readonly string[]).includes(raw)) throw new ConfigError(`${name} must be pretty or json; got ${describeValue(raw)}`);
  return raw as LogFormat;
};

/** SDKAppIDs are 32-bit unsigned integers; 0 is no app. */
export const SDKAPPID_MAX = UINT32_MAX;

interface Setting<T> {
  env: string;
  flag: string;
  parse: Parser<T>;
  help: string;
}

const setting = <T>(env: string, flag: string, parse: Parser<T>, help: string): Setting<T> =>
  ({ env, flag, parse, help });

/** The settings that are both an environment variable and a CLI flag. */
export const SETTINGS = {
  port: setting('PORT', 'port', integer(0, 65535), 'port to listen on; 0 picks a free one (default 8080)'),
  host: setting('HOST', 'host', text, 'address to listen on (default 127.0.0.1)'),
  sdkappid: setting('TIM_SDKAPPID', 'sdkappid', integer(1, SDKAPPID_MAX), 'declare one app (needs the secret key)'),
  admin: setting('TIM_ADMIN', 'admin', text, "the apps' administrator identifier (default administrator)"),
  secretKey: setting('TIM_SECRET_KEY', 'secret-key', text, 'secret key of the app declared by --sdkappid'),
  rateLimit: setting('TIM_RATE_LIMIT', 'rate-limit', integer(0, 1e9), 'calls/s per app on the seed endpoints; 0 = off (default 1000)'),
  logLevel: setting('LOG_LEVEL', 'log-level', logLevel, 'fatal|error|warn|info|debug|trace|silent (default info)'),
  logBuffer: setting('TIM_LOG_BUFFER', 'log-buffer', integer(4096, 1024 * 1024 * 1024), 'bytes of log lines held for a slow stdout pipe; more are dropped, counted (default 1048576)'),
  logFormat: setting('LOG_FORMAT', 'log-format', logFormat, 'pretty|json (default: pretty on a terminal, json lines otherwise)'),
  config: setting('TIM_CONFIG', 'config', text, 'JSON file declaring apps and rate limits'),
  fixtures: setting('TIM_FIXTURES', 'fixtures', text, 'JSON file of accounts loaded at start'),
  journalSize: setting('TIM_JOURNAL_SIZE', 'journal-size', integer(0, 1e7), 'requests kept in the journal; 0 = off (default 1000)'),
  mockToken: setting('TIM_MOCK_TOKEN', 'mock-token', text, 'bearer token required by /__mock routes (default: open)'),
  stateFile: setting('TIM_STATE_FILE', 'state-file', text, 'file the state is loaded from and saved to'),
  saveInterval: setting('TIM_SAVE_INTERVAL', 'save-interval', integer(0, 86400), 'seconds between state saves; 0 = on shutdown only'),
  plan: setting('TIM_PLAN', 'plan', plan, 'plan of the --sdkappid app and of zero-config apps: trial|developer|pro|ultimate (default none)'),
  accountLimit: setting('TIM_ACCOUNT_LIMIT', 'account-limit', accountLimit, "most accounts per app (70398 past it); none = no cap (default: the plan's)"),
  deleteEnabled: setting('TIM_DELETE_ENABLED', 'delete-enabled', boolean, "true|false: account_delete works, else 71000 (default: the plan's)"),
  reimportCooldownDays: setting(
    'TIM_REIMPORT_COOLDOWN_DAYS',
    'reimport-cooldown-days',
    integer(0, COOLDOWN_DAYS_MAX),
    "days a deleted account cannot be re-imported (70399); 0 = off (default: the plan's)",
  ),
  bodyLimit: setting('TIM_BODY_LIMIT', 'body-limit', integer(64, 64 * 1024 * 1024), 'largest request body in bytes (default 1048576)'),
  stateBodyLimit: setting(
    'TIM_STATE_BODY_LIMIT',
    'state-body-limit',
    integer(64, 1024 * 1024 * 1024),
    'largest PUT /__mock/state body in bytes, one over --body-limit read at a time (default 67108864)',
  ),
  requestTimeout: setting('TIM_REQUEST_TIMEOUT', 'request-timeout', integer(100, 600000), 'ms a client has to send a whole request (default 10000)'),
  httpsPort: setting('TIM_HTTPS_PORT', 'https-port', integer(0, 65535), 'HTTPS listener port (same API over TLS); 0 picks a free one (default: none)'),
  tlsCert: setting('TIM_TLS_CERT', 'tls-cert', text, 'PEM certificate to serve TLS with (needs --tls-key; default: a leaf of the own CA)'),
  tlsKey: setting('TIM_TLS_KEY', 'tls-key', text, 'PEM private key of --tls-cert'),
  tlsDir: setting('TIM_TLS_DIR', 'tls-dir', text, 'directory the CA (ca.pem, ca-key.pem) is loaded from or saved to (default: a new CA per start)'),
  unemulated: setting(
    'TIM_UNEMULATED',
    'unemulated',
    unemulated,
    'stub|refuse: documented commands not emulated answer a validated stub, or a FAIL naming them (default stub)',
  ),
  stubsDir: setting('TIM_STUBS_DIR', 'stubs-dir', text, 'folder of user stubs: <vendor host>/v4/<service>/<command>.json'),
  tlsHosts: setting('TIM_TLS_HOSTS', 'tls-hosts', hostList, 'comma-separated extra hostnames/IPs served as the vendor (certificate, proxy, intercept)'),
} as const;

type SettingName = keyof typeof SETTINGS;
type RawSettings = { [K in SettingName]?: ReturnType<(typeof SETTINGS)[K]['parse']> };

export const DEFAULTS = {
  host: '127.0.0.1',
  port: 8080,
  admin: 'administrator',
  rateLimit: 1000,
  logLevel: 'info',
  logBuffer: 1024 * 1024,
  journalSize: 1000,
  saveInterval: 0,
  bodyLimit: 1024 * 1024,
  stateBodyLimit: 64 * 1024 * 1024,
  requestTimeout: 10_000,
} as const;

/** Reads settings from the environment, then from flags, which win. */
export function readSettings(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): RawSettings & { help?: boolean; version?: boolean } {
  const names = Object.keys(SETTINGS) as SettingName[];
  const options = Object.fromEntries(names.map((n) => [SETTINGS[n].flag, { type: 'string' as const }]));
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { ...options, help: { type: 'boolean', short: 'h' }, version: { type: 'boolean', short: 'v' } },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    // parseArgs quotes a stray argument, which may be a secret meant for a flag.
    const { code, message } = error as NodeJS.ErrnoException;
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
      const stray = argv.find((arg) => message.includes(`'${arg}'`));
      const what = stray === undefined ? '' : ` (${describeValue(stray)})`;
      throw new ConfigError(`unexpected argument${what}: this command takes flags only, each followed by its value, as in --port 8080`);
    }
    throw new ConfigError(message);
  }
  const raw: Record<string, unknown> = {};
  for (const name of names) {
    const s = SETTINGS[name];
    const fromFlag = parsed.values[s.flag];
    const fromEnv = env[s.env];
    if (typeof fromFlag === 'string') raw[name] = s.parse(fromFlag, `--${s.flag}`);
    else if (fromEnv !== undefined && fromEnv !== '') raw[name] = s.parse(fromEnv, s.env);
  }
  return { ...(raw as RawSettings), help: parsed.values.help === true, version: parsed.values.version === true };
}

/** Text for `--help`. */
export function usage(): string {
  const rows = Object.values(SETTINGS).map((s) => `  --${s.flag.padEnd(24)} ${s.env.padEnd(27)} ${s.help}`);
  return [
    'Usage: tim-account-mock [options]',
    '       tim-account-mock usersig --sdkappid N --secret-key K [--identifier ID] [--expire SECONDS]   (prints a UserSig)',
    '',
    '  flag                       environment variable', ...rows, ''].join('\n');
}

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

/** The plan fields of in-process options, checked; a bad one is a ConfigError naming it. */
function planFieldsOf(fields: object, where: string): ReturnType<typeof checkPlanFields> {
  try {
    return checkPlanFields(fields as Record<string, unknown>, where);
  } catch (error) {
    if (error instanceof AppSettingsError) throw new ConfigError(error.message);
    throw error;
  }
}

/**
 * Parses the JSON config file against ConfigFileSchema. Its errors are worded by the shared
 * describer, which names the field and never the value (a secret key in the wrong place).
 */
export function parseConfigFile(json: string, file: string, defaultAdmin: string): Pick<MockOptions, 'apps' | 'rateLimits'> {
  let doc: unknown;
  try {
    doc = parseJsonText(json);
  } catch (error) {
    if (!(error instanceof JsonFileError)) throw error;
    throw new ConfigError(`config file ${file} ${error.message}`);
  }
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

/** Fills in defaults and checks that the options make sense together. */
export function resolveOptions(input: Partial<MockOptions> = {}): MockOptions {
  const options: MockOptions = {
    host: input.host ?? DEFAULTS.host,
    port: input.port ?? DEFAULTS.port,
    apps: input.apps ?? [],
    admin: input.admin ?? DEFAULTS.admin,
    rateLimit: input.rateLimit ?? DEFAULTS.rateLimit,
    rateLimits: input.rateLimits ?? {},
    logLevel: input.logLevel ?? DEFAULTS.logLevel,
    logFormat: input.logFormat ?? 'json',
    logger: input.logger ?? false,
    logStream: input.logStream,
    logBuffer: input.logBuffer ?? DEFAULTS.logBuffer,
    reclaimMemory: input.reclaimMemory ?? false,
    fixtures: input.fixtures,
    journalSize: input.journalSize ?? DEFAULTS.journalSize,
    mockToken: input.mockToken,
    stateFile: input.stateFile,
    saveInterval: input.saveInterval ?? DEFAULTS.saveInterval,
    plan: input.plan,
    accountLimit: input.accountLimit,
    deleteEnabled: input.deleteEnabled,
    reimportCooldownDays: input.reimportCooldownDays,
    bodyLimit: input.bodyLimit ?? DEFAULTS.bodyLimit,
    stateBodyLimit: input.stateBodyLimit ?? DEFAULTS.stateBodyLimit,
    requestTimeout: input.requestTimeout ?? DEFAULTS.requestTimeout,
    clock: input.clock,
    httpsPort: input.httpsPort,
    tlsCert: input.tlsCert,
    tlsKey: input.tlsKey,
    tlsDir: input.tlsDir,
    tlsHosts: (input.tlsHosts ?? []).map(normalHost),
    intercept: input.intercept ?? false,
    unemulated: input.unemulated ?? 'stub',
    stubsDir: input.stubsDir,
  };
  // A header carries the token as visible ASCII (Node reads header bytes as Latin-1, and the
  // bearer check stops at whitespace): a token with anything else could never match.
  if (options.mockToken !== undefined && !/^[\x21-\x7e]+$/.test(options.mockToken)) {
    throw new ConfigError(
      `the mock token (TIM_MOCK_TOKEN, --mock-token) must be visible ASCII characters only, without whitespace or control characters; the one given (${options.mockToken.length} characters) can never match an Authorization header`,
    );
  }
  if ((options.tlsCert === undefined) !== (options.tlsKey === undefined)) {
    throw new ConfigError('TIM_TLS_CERT (--tls-cert) and TIM_TLS_KEY (--tls-key) must be given together');
  }
  const ids = new Set<number>();
  planFieldsOf(options, '');
  if (options.plan === null) throw new ConfigError('plan: zero-config apps take a plan name or none (undefined), not null');
  for (const app of options.apps) {
    if (ids.has(app.sdkappid)) throw new ConfigError(`app ${app.sdkappid} is declared twice`);
    ids.add(app.sdkappid);
    if (!app.secretKey) throw new ConfigError(`app ${app.sdkappid} needs a secretKey`);
    planFieldsOf(app, `app ${app.sdkappid}: `);
  }
  return options;
}

/**
 * Refuses a rate limit that names no served command: a misspelt key (`acount_import`) would
 * otherwise be accepted and never apply.
 */
export function checkRateLimitNames(options: Pick<MockOptions, 'apps' | 'rateLimits'>, commandNames: readonly string[]): void {
  const known = new Set(commandNames);
  const places: [string, Record<string, number> | undefined][] = [
    ['rateLimits', options.rateLimits],
    ...options.apps.map((app, i): [string, Record<string, number> | undefined] => [`apps[${i}].rateLimits`, app.rateLimits]),
  ];
  for (const [where, limits] of places) {
    const unknown = Object.keys(limits ?? {}).find((name) => !known.has(name));
    if (unknown !== undefined) {
      throw new ConfigError(`${where}.${unknown}: '${unknown}' is not a command the emulator serves (one of ${commandNames.join(', ')})`);
    }
  }
}

/**
 * Turns flags and environment into options, reading the config file they name. The log is
 * pretty on a terminal and JSON lines otherwise, unless LOG_FORMAT says which.
 */
export function optionsFromProcess(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  terminal = false,
): MockOptions & { help: boolean; version: boolean } {
  const s = readSettings(argv, env);
  const admin = s.admin ?? DEFAULTS.admin;
  let apps: AppConfig[] = [];
  let rateLimits: Record<string, number> = {};
  if (s.config !== undefined) {
    let json: string;
    try {
      json = decodeJsonFile(readFileSync(s.config));
    } catch (error) {
      if (error instanceof JsonFileError) throw new ConfigError(`config file ${s.config} ${error.message}`);
      throw new ConfigError(`config file ${s.config} cannot be read: ${(error as Error).message}`);
    }
    ({ apps, rateLimits } = parseConfigFile(json, s.config, admin));
  }
  if ((s.sdkappid === undefined) !== (s.secretKey === undefined)) {
    throw new ConfigError('TIM_SDKAPPID (--sdkappid) and TIM_SECRET_KEY (--secret-key) must be given together');
  }
  if (s.sdkappid !== undefined && s.secretKey !== undefined) {
    if (apps.some((a) => a.sdkappid === s.sdkappid)) {
      throw new ConfigError(`TIM_SDKAPPID ${s.sdkappid} is also declared in the config file`);
    }
    const plan = s.plan !== undefined && { plan: s.plan };
    apps = [...apps, { sdkappid: s.sdkappid, admin, secretKey: s.secretKey, ...plan }];
  } else if (s.plan !== undefined && apps.length > 0) {
    // Silently serving config-file apps without the plan asked for would test the wrong limits.
    throw new ConfigError('TIM_PLAN (--plan) applies to the TIM_SDKAPPID app and to zero-config apps: give config-file apps their "plan" in the file');
  }
  const { config: _config, sdkappid: _sdkappid, secretKey: _secretKey, help, version, ...rest } = s;
  const logFormat = s.logFormat ?? (terminal ? 'pretty' : 'json');
  const options = resolveOptions({ ...rest, logFormat, apps, rateLimits, logger: true, reclaimMemory: true });
  return { ...options, help: help === true, version: version === true };
}
