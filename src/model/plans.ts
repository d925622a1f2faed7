import { Type, type Static } from '@sinclair/typebox';
import { clip } from '../shared/clip.js';
import { AppSettingsError } from '../shared/mock-errors.js';
import { CallbackPatchFields, checkCallbackFields } from './callback-settings.js';

/** The vendor's plans: 体验版 (trial), 开发版 (developer), 专业版 (pro), 旗舰版 (ultimate). */
export const PLANS = ['trial', 'developer', 'pro', 'ultimate'] as const;
export type Plan = (typeof PLANS)[number];

export const ACCOUNT_LIMIT_MAX = 1_000_000_000;
export const COOLDOWN_DAYS_MAX = 3650;
export const RATE_LIMIT_MAX = 1_000_000_000;
/** The custom profile fields an app may declare (vendor console: at most 20). */
export const CUSTOM_TAGS_MAX = 20;
/** `Tag_Profile_Custom_` and 1 to 8 letters, digits or '_' (vendor: a custom field's key is at most 8 bytes). */
export const CUSTOM_TAG_PATTERN = '^Tag_Profile_Custom_[A-Za-z0-9_]{1,8}$';

/** The settings of one app that its plan decides by default. */
export interface PlanSettings {
  plan: Plan | null;
  /** Most accounts the app may hold; an import or registration past it is 70398. null: no cap. */
  accountLimit: number | null;
  /** Whether account_delete works; off, it answers 71000. */
  deleteEnabled: boolean;
  /** Days a deleted account cannot be imported again (70399); 0 = none. */
  reimportCooldownDays: number;
}

type Defaults = Omit<PlanSettings, 'plan'>;

const PAID: Defaults = { accountLimit: null, deleteEnabled: false, reimportCooldownDays: 90 };

/**
 * After the account_import and account_delete pages: trial apps hold at most 100 accounts;
 * deletion is on by default for trial and developer apps only; other plans may not import a
 * deleted UserID again for three months. Without a plan, an app behaves as it always did here.
 */
const PLAN_DEFAULTS: Readonly<Record<Plan | 'none', Defaults>> = {
  none: { accountLimit: null, deleteEnabled: true, reimportCooldownDays: 0 },
  trial: { accountLimit: 100, deleteEnabled: true, reimportCooldownDays: 0 },
  developer: { accountLimit: null, deleteEnabled: true, reimportCooldownDays: 0 },
  pro: PAID,
  ultimate: PAID,
};

/** Values given on their own, over the plan's defaults; undefined = the plan's default. */
export interface SettingOverrides {
  accountLimit?: number | null | undefined;
  deleteEnabled?: boolean | undefined;
  reimportCooldownDays?: number | undefined;
}

/** A plan's settings with the overrides given applied. */
export function planSettings(plan: Plan | null, overrides: SettingOverrides = {}): PlanSettings {
  const defaults = PLAN_DEFAULTS[plan ?? 'none'];
  return {
    plan,
    accountLimit: overrides.accountLimit === undefined ? defaults.accountLimit : overrides.accountLimit,
    deleteEnabled: overrides.deleteEnabled ?? defaults.deleteEnabled,
    reimportCooldownDays: overrides.reimportCooldownDays ?? defaults.reimportCooldownDays,
  };
}

const planSchema = (description: string) =>
  Type.Union([...PLANS.map((p) => Type.Literal(p)), Type.Null()], { description });
const accountLimitSchema = Type.Union([Type.Integer({ minimum: 0, maximum: ACCOUNT_LIMIT_MAX }), Type.Null()], {
  description: 'most accounts the app may hold (70398 past it); null = no cap',
});
const deleteEnabledSchema = Type.Boolean({ description: 'account_delete works; false answers 71000' });
const cooldownSchema = Type.Integer({ minimum: 0, maximum: COOLDOWN_DAYS_MAX, description: 'days a deleted account cannot be imported again (70399); 0 = none' });

/** The plan settings as the state document and GET /__mock/apps show them. */
export const PlanSettingsSchema = Type.Object(
  { plan: planSchema('trial, developer, pro, ultimate, or null for no plan'), accountLimit: accountLimitSchema, deleteEnabled: deleteEnabledSchema, reimportCooldownDays: cooldownSchema },
  { additionalProperties: false },
);

/** PUT /__mock/apps/:sdkappid and `setApp(sdkappid, patch)`: the settings to change. */
export const AppPatchSchema = Type.Object(
  {
    plan: Type.Optional(planSchema('the plan (or null for none); its defaults replace the three settings below, unless this patch sets them too')),
    accountLimit: Type.Optional(accountLimitSchema),
    deleteEnabled: Type.Optional(deleteEnabledSchema),
    reimportCooldownDays: Type.Optional(cooldownSchema),
    rateLimits: Type.Optional(
      Type.Record(Type.String(), Type.Union([Type.Integer({ minimum: 0, maximum: RATE_LIMIT_MAX }), Type.Null()]), {
        description: 'calls per second by command name (0 = unlimited); null returns a command to the configured limit',
      }),
    ),
    profileCustomTags: Type.Optional(
      Type.Array(Type.String({ pattern: CUSTOM_TAG_PATTERN }), {
        maxItems: CUSTOM_TAGS_MAX,
        uniqueItems: true,
        description: "the app's custom profile fields (Tag_Profile_Custom_*), as declared in the vendor's console; replaces the list",
      }),
    ),
    ...CallbackPatchFields,
  },
  { additionalProperties: false },
);
export type AppPatch = Static<typeof AppPatchSchema>;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const wholeNumber = (value: unknown, max: number): value is number =>
  Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= max;

/**
 * What a refused value was, for an error message: numbers, booleans and null as they are (short,
 * and what a caller needs to see), anything else by its kind and size only, so that a control-plane
 * request's text (a megabyte string, say) is never echoed back or logged.
 */
function described(value: unknown): string {
  if (value === null || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) return String(value);
  const count = (n: number, unit: string): string => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (typeof value === 'string') return `a string of ${count(value.length, 'character')}`;
  if (Array.isArray(value)) return `an array of ${count(value.length, 'item')}`;
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** A client's field name in an error message, cut like every client string the journal keeps. */
const fieldName = (name: string): string => JSON.stringify(clip(name));

/** Checks the plan fields of `fields` that are present; `where` prefixes the field names in messages. */
export function checkPlanFields(fields: Record<string, unknown>, where = ''): SettingOverrides & { plan?: Plan | null } {
  const { plan, accountLimit, deleteEnabled, reimportCooldownDays } = fields;
  if (plan !== undefined && plan !== null && !PLANS.includes(plan as Plan)) {
    throw new AppSettingsError(`${where}plan: must be one of ${PLANS.map((p) => `"${p}"`).join(', ')} or null, got ${described(plan)}`);
  }
  if (accountLimit !== undefined && accountLimit !== null && !wholeNumber(accountLimit, ACCOUNT_LIMIT_MAX)) {
    throw new AppSettingsError(`${where}accountLimit: must be a whole number from 0 to ${ACCOUNT_LIMIT_MAX}, or null for no cap, got ${described(accountLimit)}`);
  }
  if (deleteEnabled !== undefined && typeof deleteEnabled !== 'boolean') {
    throw new AppSettingsError(`${where}deleteEnabled: must be true or false, got ${described(deleteEnabled)}`);
  }
  if (reimportCooldownDays !== undefined && !wholeNumber(reimportCooldownDays, COOLDOWN_DAYS_MAX)) {
    throw new AppSettingsError(`${where}reimportCooldownDays: must be a whole number from 0 to ${COOLDOWN_DAYS_MAX}, got ${described(reimportCooldownDays)}`);
  }
  return fields as SettingOverrides & { plan?: Plan | null };
}

const PATCH_FIELDS = Object.keys(AppPatchSchema.properties);

/** Checks a whole patch before anything changes; `commands` are the command names a rate limit may name. */
export function parseAppPatch(input: unknown, commands: readonly string[]): AppPatch {
  if (!isRecord(input)) throw new AppSettingsError('the patch must be a JSON object');
  const unknown = Object.keys(input).find((key) => !PATCH_FIELDS.includes(key));
  if (unknown !== undefined) throw new AppSettingsError(`${fieldName(unknown)}: not an app setting (one of ${PATCH_FIELDS.join(', ')})`);
  checkPlanFields(input);
  const { rateLimits } = input;
  if (rateLimits !== undefined) {
    if (!isRecord(rateLimits)) throw new AppSettingsError('rateLimits: must be an object of command name to calls per second');
    for (const [command, limit] of Object.entries(rateLimits)) {
      if (!commands.includes(command)) throw new AppSettingsError(`rateLimits.${fieldName(command)}: not a command (one of ${commands.join(', ')})`);
      if (limit !== null && !wholeNumber(limit, RATE_LIMIT_MAX)) {
        throw new AppSettingsError(`rateLimits.${command}: must be a whole number from 0 (unlimited) to ${RATE_LIMIT_MAX}, or null for the configured limit, got ${described(limit)}`);
      }
    }
  }
  checkCustomTags(input.profileCustomTags);
  checkCallbackFields(input);
  return input as AppPatch;
}

function checkCustomTags(tags: unknown): void {
  if (tags === undefined) return;
  if (!Array.isArray(tags) || tags.length > CUSTOM_TAGS_MAX) {
    throw new AppSettingsError(`profileCustomTags: must be an array of at most ${CUSTOM_TAGS_MAX} names, got ${described(tags)}`);
  }
  const pattern = new RegExp(CUSTOM_TAG_PATTERN);
  tags.forEach((tag: unknown, i) => {
    if (typeof tag !== 'string' || !pattern.test(tag)) {
      throw new AppSettingsError(`profileCustomTags[${i}]: must be Tag_Profile_Custom_ and 1 to 8 letters, digits or _, got ${described(tag)}`);
    }
    if (tags.indexOf(tag) !== i) throw new AppSettingsError(`profileCustomTags[${i}]: ${tag} appears twice`);
  });
}
