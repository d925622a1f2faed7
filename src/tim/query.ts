import { Type } from '@sinclair/typebox';
import { UINT32_MAX } from '../model/accounts/account-schema.js';
import type { App, AppRegistry } from '../model/apps.js';
import type { CommandCodes } from './command.js';
import { Errors, VendorError } from './errors.js';

/** The query envelope of every /v4 call (for the OpenAPI document; checked by `checkQuery`). */
export const EnvelopeQuery = Type.Object({
  sdkappid: Type.String({ description: "the app's SDKAppID, a positive integer", examples: ['1400000001'] }),
  identifier: Type.String({ description: "the app's administrator account", examples: ['administrator'] }),
  usersig: Type.String({ description: "the administrator's UserSig (any non-empty value in zero-config mode)" }),
  random: Type.Optional(
    Type.String({ description: 'the vendor says a 32-bit unsigned integer; any 1 to 32 decimal digits are accepted, as real clients send more; may be omitted' }),
  ),
  contenttype: Type.Optional(Type.String({ description: 'json; may be omitted' })),
});

export interface Envelope {
  app: App;
  identifier: string;
  usersig: string;
}

const DIGITS = /^[0-9]{1,10}$/;

/** A query value given once (a repeated parameter arrives as an array and is invalid). */
const single = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

const isUint32 = (s: string): boolean => DIGITS.test(s) && Number(s) <= UINT32_MAX;

/**
 * The vendor documents `random` as a 32-bit unsigned integer, but a public TypeScript client
 * sends `parseInt(Date.now() + eight random digits)`, 21 digits, on every call, and nothing shows
 * the vendor refusing it: any run of 1 to 32 decimal digits passes.
 */
const RANDOM = /^[0-9]{1,32}$/;

/**
 * Checks the URL parameters in this order: sdkappid (missing 60012; not a positive integer or
 * not an app: the command's code), identifier and usersig (missing or empty 60004), random and
 * contenttype (malformed 60002).
 */
export function checkQuery(query: Record<string, unknown>, codes: CommandCodes, apps: AppRegistry): Envelope {
  const sdkappid = query.sdkappid;
  if (sdkappid === undefined || sdkappid === '') throw new VendorError(Errors.SdkAppIdRequired);
  const id = single(sdkappid);
  const app = id !== undefined && isUint32(id) && id[0] !== '0' ? apps.get(Number(id)) : undefined;
  if (app === undefined) throw new VendorError(codes.invalidSdkAppId);

  const identifier = single(query.identifier);
  const usersig = single(query.usersig);
  if (!identifier || !usersig) throw new VendorError(Errors.AccountOrSig);

  const random = query.random;
  if (random !== undefined && !(typeof random === 'string' && RANDOM.test(random))) {
    throw new VendorError(Errors.HttpParse, 'random must be 1 to 32 decimal digits');
  }
  const contenttype = query.contenttype;
  if (contenttype !== undefined && contenttype !== 'json') {
    throw new VendorError(Errors.HttpParse, 'contenttype must be json');
  }
  return { app, identifier, usersig };
}
