import { parseArgs } from 'node:util';
import { checkPlanFields } from '../model/plans.js';
import { checkCallbackFields } from '../model/callback-settings.js';
import { AppSettingsError, ConfigError } from '../shared/mock-errors.js';
import { readFileSync } from 'node:fs';
import { normalHost } from '../transport/hosts.js';
import { parseConfigFile } from './file.js';
import type { AppConfig, MockOptions } from './options.js';
import { DEFAULTS, describeValue, SETTINGS, type RawSettings, type SettingName } from './table.js';

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

/** The options that are not settings of the table, or that start unset, before defaults apply. */
const UNSET: MockOptions = {
  ...DEFAULTS,
  apps: [],
  rateLimits: {},
  logFormat: 'json',
  logger: false,
  logStream: undefined,
  reclaimMemory: false,
  fixtures: undefined,
  mockToken: undefined,
  stateFile: undefined,
  plan: undefined,
  accountLimit: undefined,
  deleteEnabled: undefined,
  reimportCooldownDays: undefined,
  clock: undefined,
  httpsPort: undefined,
  tlsCert: undefined,
  tlsKey: undefined,
  tlsDir: undefined,
  tlsHosts: [],
  intercept: false,
  unemulated: 'stub',
  stubsDir: undefined,
};

/** The plan and callback fields of in-process options, checked; a bad one is a ConfigError naming it. */
function planFieldsOf(fields: object, where: string): void {
  try {
    checkPlanFields(fields as Record<string, unknown>, where);
    if (where !== '') checkCallbackFields(fields as Record<string, unknown>, where);
  } catch (error) {
    if (error instanceof AppSettingsError) throw new ConfigError(error.message);
    throw error;
  }
}

/** Fills in defaults and checks that the options make sense together. */
export function resolveOptions(input: Partial<MockOptions> = {}): MockOptions {
  const given = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
  const options: MockOptions = { ...UNSET, ...given, tlsHosts: (input.tlsHosts ?? []).map(normalHost) };
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
    let bytes: Buffer;
    try {
      bytes = readFileSync(s.config);
    } catch (error) {
      throw new ConfigError(`config file ${s.config} cannot be read: ${(error as Error).message}`);
    }
    ({ apps, rateLimits } = parseConfigFile(bytes, s.config, admin));
  }
  if ((s.sdkappid === undefined) !== (s.secretKey === undefined)) {
    throw new ConfigError('TIM_SDKAPPID (--sdkappid) and TIM_SECRET_KEY (--secret-key) must be given together');
  }
  if (s.sdkappid !== undefined && s.secretKey !== undefined) {
    if (apps.some((a) => a.sdkappid === s.sdkappid)) {
      throw new ConfigError(`TIM_SDKAPPID ${s.sdkappid} is also declared in the config file`);
    }
    const plan = s.plan !== undefined && { plan: s.plan };
    const callbacks = {
      ...(s.callbackUrl !== undefined && { callbackUrl: s.callbackUrl }),
      ...(s.callbackToken !== undefined && { callbackToken: s.callbackToken }),
    };
    apps = [...apps, { sdkappid: s.sdkappid, admin, secretKey: s.secretKey, ...plan, ...callbacks }];
  } else if (s.callbackUrl !== undefined || s.callbackToken !== undefined) {
    // Callbacks belong to one app; without TIM_SDKAPPID there is none to give them to.
    throw new ConfigError('TIM_CALLBACK_URL and TIM_CALLBACK_TOKEN apply to the TIM_SDKAPPID app: give config-file apps their "callbackUrl" in the file, or use PUT /__mock/apps/:sdkappid');
  }
  if (s.sdkappid === undefined && s.plan !== undefined && apps.length > 0) {
    // Silently serving config-file apps without the plan asked for would test the wrong limits.
    throw new ConfigError('TIM_PLAN (--plan) applies to the TIM_SDKAPPID app and to zero-config apps: give config-file apps their "plan" in the file');
  }
  const { config: _config, sdkappid: _sdkappid, secretKey: _secretKey, help, version, ...given } = s;
  const { callbackUrl: _url, callbackToken: _token, ...rest } = given;
  const logFormat = s.logFormat ?? (terminal ? 'pretty' : 'json');
  const options = resolveOptions({ ...rest, logFormat, apps, rateLimits, logger: true, reclaimMemory: true });
  return { ...options, help: help === true, version: version === true };
}
