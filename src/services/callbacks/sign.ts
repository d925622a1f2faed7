import { createHash } from 'node:crypto';

/**
 * The vendor's callback signature: hex sha256 of the token followed by RequestTime (unix
 * seconds, as text), https://cloud.tencent.com/document/product/269/1522.
 */
export const callbackSign = (token: string, requestTime: number): string =>
  createHash('sha256').update(`${token}${requestTime}`).digest('hex');

/** The query the vendor adds to the configured URL; Sign and RequestTime only with a token. */
export interface CallbackQuery {
  sdkappid: number;
  command: string;
  clientIp: string;
  optPlatform: string;
}

/** The URL as sent, and the same URL without Sign and RequestTime (what the journal shows). */
export function callbackUrls(
  base: string,
  q: CallbackQuery,
  token: string | null,
  requestTime: number,
): { sent: string; shown: string } {
  const url = new URL(base);
  url.searchParams.set('SdkAppid', String(q.sdkappid));
  url.searchParams.set('CallbackCommand', q.command);
  url.searchParams.set('contenttype', 'json');
  url.searchParams.set('ClientIP', q.clientIp);
  url.searchParams.set('OptPlatform', q.optPlatform);
  const shown = url.toString();
  if (token === null) return { sent: shown, shown };
  url.searchParams.set('Sign', callbackSign(token, requestTime));
  url.searchParams.set('RequestTime', String(requestTime));
  return { sent: url.toString(), shown };
}
