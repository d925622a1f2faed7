import { Type } from '@sinclair/typebox';
import { UINT32_MAX } from '../accounts/account-schema.js';
import type { App, AppRegistry } from './apps.js';
import type { CommandCodes } from './command.js';
import { Errors, VendorError } from './errors.js';

/** The query envelope of every /v4 call (for the OpenAPI document; checked by `checkQuery`). */
export const EnvelopeQuery = Type.Object({
  sdkappid: Type.String({ description: "the app's SDKAppID, a positive integer", examples: ['1400000001'] }),
  identifier: Type.String({ description: "the app's administrator account", examples: ['administrator'] }),
  usersig: Type.String({ description: "the administrator's UserSig (any non-empty value in zero-config mode)" }),
  random: Type.Optional(Type.String({ description: `a 32-bit unsigned integer, 0 to ${UINT32_MAX}; may be omitted` })),
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
  if (random !== undefined && !(typeof random === 'string' && isUint32(random))) {
    throw new VendorError(Errors.HttpParse, `random must be an integer from 0 to ${UINT32_MAX}`);
  }
  const contenttype = query.contenttype;
  if (contenttype !== undefined && contenttype !== 'json') {
    throw new VendorError(Errors.HttpParse, 'contenttype must be json');
  }
  return { app, identifier, usersig };
}
