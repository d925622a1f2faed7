import type { AppConfig } from '../config/options.js';

export interface BannerInfo {
  version: string;
  /** Where it listens (http://0.0.0.0:8080 in a container). */
  address: string;
  /** The URLs a user can reach it at, the first one preferred. */
  urls: readonly string[];
  apps: readonly AppConfig[];
  /** The admin identifier of zero-config apps. */
  admin: string;
  stateFile: string | undefined;
  mockToken: boolean;
}

/**
 * The start banner printed on a terminal, as the Firebase emulators print theirs: the URLs to
 * use, the mode and the declared apps. Never a secret: no key, no token.
 */
export function banner(info: BannerInfo): string {
  const [url = info.address, ...others] = info.urls;
  const mode =
    info.apps.length === 0
      ? `zero-config: any sdkappid, any non-empty usersig, admin ${info.admin}`
      : `declared: ${info.apps.map((app) => `${app.sdkappid} (admin ${app.admin})`).join(', ')}; UserSigs are verified`;
  const rows: Array<[string, string]> = [
    ['Vendor API', `${url}/v4/...  (instead of https://console.tim.qq.com)`],
    ['Controls', `${url}/__mock/...${info.mockToken ? '  (Authorization: Bearer <TIM_MOCK_TOKEN>)' : ''}`],
    ['API docs', `${url}/documentation`],
    ['Listening on', info.address],
    ...others.map((other, i): [string, string] => [i === 0 ? 'Also at' : '', other]),
    ['Mode', mode],
    ...(info.stateFile === undefined ? [] : [['State file', info.stateFile] as [string, string]]),
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return [
    '',
    `tim-account-mock ${info.version} is ready`,
    '',
    ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`),
    '',
    'Logs follow; LOG_FORMAT=json writes JSON lines instead.',
    '',
    '',
  ].join('\n');
}
