import { createRequire } from 'node:module';

interface TlsSigApi {
  genUserSig(userid: string, expireSeconds: number): string;
}

/** The official `tls-sig-api-v2` package (CommonJS, untyped). */
const TLSSigAPIv2 = createRequire(import.meta.url)('tls-sig-api-v2') as { Api: new (sdkappid: number, key: string) => TlsSigApi };

/**
 * A UserSig made by the official library as if at `atSeconds` (it reads Date.now(), which is
 * replaced only for the call).
 */
export function userSig(sdkappid: number, key: string, identifier: string, expireSeconds: number, atSeconds?: number): string {
  const api = new TLSSigAPIv2.Api(sdkappid, key);
  if (atSeconds === undefined) return api.genUserSig(identifier, expireSeconds);
  const realNow = Date.now;
  Date.now = () => atSeconds * 1000;
  try {
    return api.genUserSig(identifier, expireSeconds);
  } finally {
    Date.now = realNow;
  }
}
