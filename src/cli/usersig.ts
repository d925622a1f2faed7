import { parseArgs } from 'node:util';
import { ConfigError } from '../shared/mock-errors.js';
import { DEFAULTS, integer, SETTINGS } from '../config/table.js';
import { makeUserSig, USERSIG_DEFAULT_EXPIRE, USERSIG_EXPIRE_MAX } from '../tim/usersig.js';

export const USERSIG_USAGE = `Usage: tim-account-mock usersig --sdkappid N --secret-key K [--identifier ID] [--expire SECONDS]

Prints a UserSig v2 (as the official tls-sig-api-v2 genUserSig makes it) for a declared app.

  --sdkappid      TIM_SDKAPPID     the app's SDKAppID
  --secret-key    TIM_SECRET_KEY   the app's secret key
  --identifier    TIM_ADMIN        whom the sig is for (default ${DEFAULTS.admin})
  --expire                         seconds it stays valid (default ${USERSIG_DEFAULT_EXPIRE})
`;

/**
 * `tim-account-mock usersig ...`: the sig a curl user needs in declared mode. Flags win over the
 * environment, so inside the container (where TIM_SDKAPPID and TIM_SECRET_KEY are set) no flag
 * is needed. Returns the text to print; throws a ConfigError naming a bad or missing setting.
 */
export function usersigCommand(argv: readonly string[], env: NodeJS.ProcessEnv, nowSeconds: number): string {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        sdkappid: { type: 'string' },
        'secret-key': { type: 'string' },
        identifier: { type: 'string' },
        expire: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  if (values.help === true) return USERSIG_USAGE;
  type Parse<T> = (raw: string, name: string) => T;
  const read = <T>(flag: string, envName: string | undefined, parse: Parse<T>): T | undefined => {
    const fromFlag = values[flag];
    if (typeof fromFlag === 'string') return parse(fromFlag, `--${flag}`);
    const fromEnv = envName === undefined ? undefined : env[envName];
    return fromEnv === undefined || fromEnv === '' ? undefined : parse(fromEnv, envName as string);
  };
  const sdkappid = read('sdkappid', SETTINGS.sdkappid.env, SETTINGS.sdkappid.parse);
  const secretKey = read('secret-key', SETTINGS.secretKey.env, SETTINGS.secretKey.parse);
  if (sdkappid === undefined || secretKey === undefined) {
    throw new ConfigError('usersig needs --sdkappid and --secret-key (or TIM_SDKAPPID and TIM_SECRET_KEY)');
  }
  const identifier = read('identifier', SETTINGS.admin.env, SETTINGS.admin.parse) ?? DEFAULTS.admin;
  const expire = read('expire', undefined, integer(1, USERSIG_EXPIRE_MAX)) ?? USERSIG_DEFAULT_EXPIRE;
  return `${makeUserSig(sdkappid, secretKey, identifier, expire, nowSeconds)}\n`;
}
