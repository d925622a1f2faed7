import type { TObject, TSchema } from '@sinclair/typebox';
import type { AccountStore } from '../model/accounts/store.js';
import type { FriendStore } from '../model/friends.js';
import type { GroupStore } from '../model/groups.js';
import type { Clock } from '../model/clock.js';
import type { MessageStore } from '../model/messages.js';
import type { OnlineStore } from '../model/online.js';
import type { ProfileStore } from '../model/profiles.js';
import type { App } from '../model/apps.js';
import type { JsonObject } from './body.js';
import type { VendorErrorEntry } from './errors.js';

/** The third-party callbacks a command causes (https://cloud.tencent.com/document/product/269/1522). */
export interface CallbackHooks {
  /** Whether the app has this callback command on: a URL, and the command among those enabled. */
  on(command: string): boolean;
  /**
   * Sends a before-callback and waits for the backend's answer, at most the app's timeout: the
   * answer's JSON object, or undefined when none came in time or it was not one (the event goes ahead).
   */
  before(command: string, payload: JsonObject): Promise<JsonObject | undefined>;
  /** Queues an after-callback; it is sent after the reply and never delays it. */
  after(command: string, payload: JsonObject): void;
}

/**
 * What a command may read and change while it runs. The fields themselves are read-only: every
 * call of an app without a callback URL gets the same context, which the pipeline makes once.
 */
export interface CommandContext {
  readonly app: App;
  /** The caller (the URL's `identifier`), already checked to be the app's admin. */
  readonly caller: string;
  readonly store: AccountStore;
  readonly clock: Clock;
  /** Profile fields, one-to-one messages and online state (issue 26). */
  readonly profiles: ProfileStore;
  readonly messages: MessageStore;
  readonly online: OnlineStore;
  /** Groups and their members (group_open_http_svc). */
  readonly groups: GroupStore;
  /** Friends and black lists (sns). */
  readonly friends: FriendStore;
  /** The callbacks the call causes, to the app's backend. */
  readonly callbacks: CallbackHooks;
}

/** Per-command vendor codes where the seed pages give each command its own. */
export interface CommandCodes {
  /** The request-format code (70418 on register_account_v1, 70402 on account_import). */
  badRequest: VendorErrorEntry;
  /** sdkappid invalid or not declared (70411 on register_account_v1, 60006 elsewhere). */
  invalidSdkAppId: VendorErrorEntry;
  /** The caller is not the app's admin (70425 / 70403). */
  notAdmin: VendorErrorEntry;
  /** The command's own codes: listed in its OpenAPI description, preferred when a fault names a bare code. */
  own: readonly VendorErrorEntry[];
}

/**
 * One vendor command: its URL, schemas (for the serializer and the OpenAPI document), its
 * field rules and its effect on the store. Adding a command is one file exporting one of
 * these, listed in `vendor/commands/index.ts`.
 */
export interface VendorCommand<Input = unknown, Extra extends object = object> {
  service: string;
  command: string;
  summary: string;
  codes: CommandCodes;
  /** Fields the vendor adds to this command's FAIL replies too (portrait_set's `ErrorDisplay`). */
  failFields?: Readonly<Record<string, unknown>>;
  /** The section of the vendor's API (its description's tag); account when not given. */
  section?: string;
  /** How the emulator serves it: by its own rules (the default), or as a validated stub (src/tim/catalogue/). */
  served?: 'emulated' | 'stub';
  /** Documented calls per second, when not TIM_RATE_LIMIT's default. */
  defaultRateLimit?: number;
  /** The request body, for the OpenAPI document (validation is `parse`, in vendor order). */
  body: TObject;
  /** The whole reply (common fields and the command's own), compiled into its serializer. */
  reply: TSchema;
  /** Checks the fields, throwing VendorErrors; returns what `execute` needs. */
  parse(body: JsonObject): Input;
  /** The accounts the body names, as sent (before any check), for faults and the journal. */
  accountsOf?(body: JsonObject): string[];
  /**
   * The command's before-callback, run between `parse` and `execute`: undefined when the app has
   * it off (the call stays synchronous), else the input to execute, maybe rewritten by the
   * backend; a refusal throws the vendor's error.
   */
  before?(ctx: CommandContext, input: Input): Promise<Input> | undefined;
  /** Applies the call to the store; returns the reply's extra fields. */
  execute(ctx: CommandContext, input: Input): Extra | void;
}

export const defineCommand = <Input, Extra extends object = object>(
  c: VendorCommand<Input, Extra>,
): VendorCommand<Input, Extra> => c;

/** `[value]` when it is a string: the account list of a body naming one account. */
export const namedAccount = (value: unknown): string[] => (typeof value === 'string' ? [value] : []);

export const commandPath = (c: Pick<VendorCommand, 'service' | 'command'>): string => `/v4/${c.service}/${c.command}`;
