import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { DestinationStream } from 'pino';
import type { ControllableClock } from './clock.js';

/** An app the emulator serves in declared mode. */
export interface AppConfig {
  sdkappid: number;
  admin: string;
  secretKey: string;
  /** Calls per second per command name (`account_check`: 50), over the defaults. */
  rateLimits?: Record<string, number>;
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
  /** Days a deleted account may not be imported again (vendor 70399 on paid plans); 0 = off. */
  reimportCooldownDays: number;
  /** Largest request body in bytes; larger ones are refused without being read whole. */
  bodyLimit: number;
  /** Milliseconds a client has to send a whole request, headers and body (slow clients get 60008). */
  requestTimeout: number;
  /** The clock the emulator reads (tests pass their own). */
  clock: ControllableClock | undefined;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Parser<T> = (raw: string, name: string) => T;

export const integer =
  (min: number, max: number): Parser<number> =>
  (raw, name) => {
    const value = Number(raw);
    if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
      throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got '${raw}'`);
    }
    return value;
  };

const text: Parser<string> = (raw, name) => {
  if (raw.trim() === '') throw new ConfigError(`${name} must not be empty`);
  return raw;
};

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const logLevel: Parser<string> = (raw, name) => {
  if (!LOG_LEVELS.includes(raw)) throw new ConfigError(`${name} must be one of ${LOG_LEVELS.join(', ')}, got '${raw}'`);
  return raw;
};

export const LOG_FORMATS = ['pretty', 'json'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];
const logFormat: Parser<LogFormat> = (raw, name) => {
  if (!(LOG_FORMATS as readonly string[]).includes(raw)) throw new ConfigError(`${name} must be pretty or json, got '${raw}'`);
  return raw as LogFormat;
};

/** SDKAppIDs are 32-bit unsigned integers; 0 is no app. */
export const SDKAPPID_MAX = 4294967295;

interface Setting<T> {
  env: string;
  flag: string;
  parse: Parser<T>;
  help: string;
}

const setting = <T>(env: string, flag: string, parse: Parser<T>, help: string): Setting<T> => ({ env, flag, parse, help });

/** The settings that are both an environment variable and a CLI flag. */
export const SETTINGS = {
  port: setting('PORT', 'port', integer(0, 65535), 'port to listen on; 0 picks a free one (default 8080)'),
  host: setting('HOST', 'host', text, 'address to listen on (default 127.0.0.1)'),
  sdkappid: setting('TIM_SDKAPPID', 'sdkappid', integer(1, SDKAPPID_MAX), 'declare one app (needs the secret key)'),
  admin: setting('TIM_ADMIN', 'admin', text, "the apps' administrator identifier (default administrator)"),
  secretKey: setting('TIM_SECRET_KEY', 'secret-key', text, 'secret key of the app declared by --sdkappid'),
  rateLimit: setting('TIM_RATE_LIMIT', 'rate-limit', integer(0, 1e9), 'calls/s per app on the seed endpoints; 0 = off (default 1000)'),
  logLevel: setting('LOG_LEVEL', 'log-level', logLevel, 'fatal|error|warn|info|debug|trace|silent (default info)'),
  logFormat: setting('LOG_FORMAT', 'log-format', logFormat, 'pretty|json (default: pretty on a terminal, json lines otherwise)'),
  config: setting('TIM_CONFIG', 'config', text, 'JSON file declaring apps and rate limits'),
  fixtures: setting('TIM_FIXTURES', 'fixtures', text, 'JSON file of accounts loaded at start'),
  journalSize: setting('TIM_JOURNAL_SIZE', 'journal-size', integer(0, 1e7), 'requests kept in the journal; 0 = off (default 1000)'),
  mockToken: setting('TIM_MOCK_TOKEN', 'mock-token', text, 'bearer token required by /__mock routes (default: open)'),
  stateFile: setting('TIM_STATE_FILE', 'state-file', text, 'file the state is loaded from and saved to'),
  saveInterval: setting('TIM_SAVE_INTERVAL', 'save-interval', integer(0, 86400), 'seconds between state saves; 0 = on shutdown only'),
  reimportCooldownDays: setting(
    'TIM_REIMPORT_COOLDOWN_DAYS',
    'reimport-cooldown-days',
    integer(0, 3650),
    'days a deleted account cannot be re-imported (70399); 0 = off, 90 = paid plans',
  ),
  bodyLimit: setting('TIM_BODY_LIMIT', 'body-limit', integer(64, 64 * 1024 * 1024), 'largest request body in bytes (default 1048576)'),
  requestTimeout: setting('TIM_REQUEST_TIMEOUT', 'request-timeout', integer(100, 600000), 'ms a client has to send a whole request (default 10000)'),
} as const;

type SettingName = keyof typeof SETTINGS;
type RawSettings = { [K in SettingName]?: ReturnType<(typeof SETTINGS)[K]['parse']> };

export const DEFAULTS = {
  host: '127.0.0.1',
  port: 8080,
  admin: 'administrator',
  rateLimit: 1000,
  logLevel: 'info',
  journalSize: 1000,
  saveInterval: 0,
  reimportCooldownDays: 0,
  bodyLimit: 1024 * 1024,
  requestTimeout: 10_000,
} as const;

/** Reads settings from the environment, then from flags, which win. */
export function readSettings(argv: readonly string[], env: NodeJS.ProcessEnv): RawSettings & { help?: boolean; version?: boolean } {
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
    throw new ConfigError((error as Error).message);
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkRateLimits(value: unknown, where: string): Record<string, number> {
  if (value === undefined) return {};
  if (!isRecord(value)) throw new ConfigError(`${where}.rateLimits must be an object of command name to calls per second`);
  for (const [command, limit] of Object.entries(value)) {
    if (!Number.isSafeInteger(limit) || (limit as number) < 0) {
      throw new ConfigError(`${where}.rateLimits.${command} must be a whole number >= 0`);
    }
  }
  return value as Record<string, number>;
}

/** Parses the JSON config file: `{"apps":[{sdkappid, admin?, secretKey, rateLimits?}], "rateLimits"?}`. */
export function parseConfigFile(json: string, file: string, defaultAdmin: string): Pick<MockOptions, 'apps' | 'rateLimits'> {
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch (error) {
    throw new ConfigError(`config file ${file} is not valid JSON: ${(error as Error).message}`);
  }
  if (!isRecord(doc)) throw new ConfigError(`config file ${file} must hold a JSON object`);
  if (!Array.isArray(doc.apps) || doc.apps.length === 0) throw new ConfigError(`config file ${file}: "apps" must be a non-empty array`);
  const seen = new Set<number>();
  const apps = doc.apps.map((app: unknown, i: number): AppConfig => {
    const where = `config file ${file}: apps[${i}]`;
    if (!isRecord(app)) throw new ConfigError(`${where} must be an object`);
    const { sdkappid, admin = defaultAdmin, secretKey } = app;
    if (!Number.isSafeInteger(sdkappid) || (sdkappid as number) < 1 || (sdkappid as number) > SDKAPPID_MAX) {
      throw new ConfigError(`${where}.sdkappid must be a whole number from 1 to ${SDKAPPID_MAX}`);
    }
    if (seen.has(sdkappid as number)) throw new ConfigError(`${where}.sdkappid ${sdkappid} is declared twice`);
    seen.add(sdkappid as number);
    if (typeof admin !== 'string' || admin === '') throw new ConfigError(`${where}.admin must be a non-empty string`);
    if (typeof secretKey !== 'string' || secretKey === '') throw new ConfigError(`${where}.secretKey must be a non-empty string`);
    const rateLimits = checkRateLimits(app.rateLimits, where);
    return { sdkappid: sdkappid as number, admin, secretKey, rateLimits };
  });
  return { apps, rateLimits: checkRateLimits(doc.rateLimits, `config file ${file}`) };
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
    reclaimMemory: input.reclaimMemory ?? false,
    fixtures: input.fixtures,
    journalSize: input.journalSize ?? DEFAULTS.journalSize,
    mockToken: input.mockToken,
    stateFile: input.stateFile,
    saveInterval: input.saveInterval ?? DEFAULTS.saveInterval,
    reimportCooldownDays: input.reimportCooldownDays ?? DEFAULTS.reimportCooldownDays,
    bodyLimit: input.bodyLimit ?? DEFAULTS.bodyLimit,
    requestTimeout: input.requestTimeout ?? DEFAULTS.requestTimeout,
    clock: input.clock,
  };
  const ids = new Set<number>();
  for (const app of options.apps) {
    if (ids.has(app.sdkappid)) throw new ConfigError(`app ${app.sdkappid} is declared twice`);
    ids.add(app.sdkappid);
    if (!app.secretKey) throw new ConfigError(`app ${app.sdkappid} needs a secretKey`);
  }
  return options;
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
      json = readFileSync(s.config, 'utf8');
    } catch (error) {
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
    apps = [...apps, { sdkappid: s.sdkappid, admin, secretKey: s.secretKey }];
  }
  const { config: _config, sdkappid: _sdkappid, secretKey: _secretKey, help, version, ...rest } = s;
  const logFormat = s.logFormat ?? (terminal ? 'pretty' : 'json');
  return {
    ...resolveOptions({ ...rest, logFormat, apps, rateLimits, logger: true, reclaimMemory: true }),
    help: help === true,
    version: version === true,
  };
}
