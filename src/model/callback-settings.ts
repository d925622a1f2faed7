import { Type } from '@sinclair/typebox';
import { AppSettingsError } from '../shared/mock-errors.js';

/**
 * An app's third-party callback settings, as the vendor's console holds them
 * (https://cloud.tencent.com/document/product/269/1522): the URL, the authentication token and
 * which callback commands are on.
 */
export interface CallbackSettings {
  /** Where callbacks are POSTed; null: none are sent. */
  callbackUrl: string | null;
  /** The authentication token: with one, each callback carries Sign and RequestTime. Never shown. */
  callbackToken: string | null;
  /** The callback commands that are on; null: every one the emulator sends. */
  callbackCommands: readonly string[] | null;
  /** Milliseconds a before-callback may take before the event goes ahead; null: the process-wide setting. */
  callbackTimeoutMs: number | null;
}

/** The vendor's console takes a token of at most 128 characters. */
export const CALLBACK_TOKEN_MAX = 128;
export const CALLBACK_URL_MAX = 2048;
export const CALLBACK_TIMEOUT_MAX = 60_000;

/** Every callback command the emulator sends, by the vendor's name (https://cloud.tencent.com/document/product/269/1523). */
export const CALLBACK_COMMANDS = [
  'State.StateChange',
  'Profile.CallbackPortraitSet',
  'C2C.CallbackBeforeSendMsg',
  'C2C.CallbackAfterSendMsg',
  'Group.CallbackAfterCreateGroup',
  'Group.CallbackAfterNewMemberJoin',
  'Group.CallbackAfterMemberExit',
  'Group.CallbackAfterGroupDestroyed',
  'Group.CallbackBeforeSendMsg',
  'Group.CallbackAfterSendMsg',
  'Sns.CallbackFriendAdd',
  'Sns.CallbackFriendDelete',
  'Sns.CallbackBlackListAdd',
] as const;
export type CallbackCommand = (typeof CALLBACK_COMMANDS)[number];

export const NO_CALLBACKS: CallbackSettings = {
  callbackUrl: null,
  callbackToken: null,
  callbackCommands: null,
  callbackTimeoutMs: null,
};

/** The fields of PUT /__mock/apps/:sdkappid and of a config-file app. */
export const CallbackPatchFields = {
  callbackUrl: Type.Optional(
    Type.Union([Type.String({ maxLength: CALLBACK_URL_MAX, pattern: '^https?://' }), Type.Null()], {
      description: 'http(s) URL the callbacks are POSTed to; null turns callbacks off',
    }),
  ),
  callbackToken: Type.Optional(
    Type.Union([Type.String({ minLength: 1, maxLength: CALLBACK_TOKEN_MAX }), Type.Null()], {
      description: `callback token (at most ${CALLBACK_TOKEN_MAX} characters): adds Sign and RequestTime; never shown back`,
    }),
  ),
  callbackCommands: Type.Optional(
    Type.Union([Type.Array(Type.Union(CALLBACK_COMMANDS.map((c) => Type.Literal(c)))), Type.Null()], {
      description: 'the callback commands that are on; null: every one the emulator sends',
    }),
  ),
  callbackTimeoutMs: Type.Optional(
    Type.Union([Type.Integer({ minimum: 1, maximum: CALLBACK_TIMEOUT_MAX }), Type.Null()], {
      description: 'ms a before-callback may take before the event goes ahead; null: TIM_CALLBACK_TIMEOUT_MS',
    }),
  ),
};

/** Whether `url` is an absolute http(s) URL. */
function httpUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * Checks the callback fields of a patch that are present, naming the field and never echoing a
 * value (a token is a secret); `where` prefixes the names (a config file's `apps[0].`).
 */
export function checkCallbackFields(fields: Record<string, unknown>, where = ''): Partial<CallbackSettings> {
  const { callbackUrl, callbackToken, callbackCommands, callbackTimeoutMs } = fields;
  if (callbackUrl !== undefined && callbackUrl !== null) {
    if (typeof callbackUrl !== 'string' || callbackUrl.length > CALLBACK_URL_MAX || !httpUrl(callbackUrl)) {
      throw new AppSettingsError(`${where}callbackUrl: must be an http:// or https:// URL of at most ${CALLBACK_URL_MAX} characters, or null`);
    }
  }
  if (callbackToken !== undefined && callbackToken !== null) {
    if (typeof callbackToken !== 'string' || callbackToken === '' || callbackToken.length > CALLBACK_TOKEN_MAX) {
      throw new AppSettingsError(`${where}callbackToken: must be a string of 1 to ${CALLBACK_TOKEN_MAX} characters, or null`);
    }
  }
  if (callbackCommands !== undefined && callbackCommands !== null) {
    if (!Array.isArray(callbackCommands)) throw new AppSettingsError(`${where}callbackCommands: must be an array of callback commands, or null`);
    callbackCommands.forEach((c: unknown, i) => {
      if (!CALLBACK_COMMANDS.includes(c as CallbackCommand)) {
        throw new AppSettingsError(`${where}callbackCommands[${i}]: not a callback command the emulator sends (one of ${CALLBACK_COMMANDS.join(', ')})`);
      }
    });
  }
  if (callbackTimeoutMs !== undefined && callbackTimeoutMs !== null) {
    const ms = callbackTimeoutMs as number;
    const ok = Number.isSafeInteger(ms) && ms >= 1 && ms <= CALLBACK_TIMEOUT_MAX;
    if (!ok) throw new AppSettingsError(`${where}callbackTimeoutMs: must be a whole number from 1 to ${CALLBACK_TIMEOUT_MAX}, or null`);
  }
  return fields as Partial<CallbackSettings>;
}

/** The settings after a patch: a field given (null included) replaces the current one. */
export function patchCallbacks(current: CallbackSettings, patch: Partial<CallbackSettings>): CallbackSettings {
  return {
    callbackUrl: patch.callbackUrl === undefined ? current.callbackUrl : patch.callbackUrl,
    callbackToken: patch.callbackToken === undefined ? current.callbackToken : patch.callbackToken,
    callbackCommands: patch.callbackCommands === undefined ? current.callbackCommands : patch.callbackCommands,
    callbackTimeoutMs: patch.callbackTimeoutMs === undefined ? current.callbackTimeoutMs : patch.callbackTimeoutMs,
  };
}
