import { createRequire } from 'node:module';

/** The official tls-sig-api-v2 (CommonJS, untyped): the sigs real clients send. */
interface TlsSigApi {
  genUserSig(identifier: string, expireSeconds: number): string;
}
const { Api } = createRequire(import.meta.url)('tls-sig-api-v2') as { Api: new (sdkappid: number, key: string) => TlsSigApi };

export const officialUserSig = (sdkappid: number, key: string, identifier: string, expireSeconds = 86400 * 180): string =>
  new Api(sdkappid, key).genUserSig(identifier, expireSeconds);
