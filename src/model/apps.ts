import { NO_CALLBACKS, patchCallbacks, type CallbackSettings } from './callback-settings.js';
import { planSettings, type AppPatch, type Plan, type PlanSettings } from './plans.js';

/** Checks a call's UserSig for one app; the vendor's algorithm lives with the API (src/tim/usersig.ts). */
export interface SigVerifier {
  /** Throws the vendor's error when the sig does not hold for the identifier at that time. */
  verify(usersig: string, identifier: string, nowSeconds: number): void;
}

/** An app declared at start: its keys and the plan settings it starts with. */
export interface DeclaredApp {
  sdkappid: number;
  admin: string;
  secretKey: string;
  rateLimits?: Record<string, number>;
  plan?: Plan | null;
  accountLimit?: number | null;
  deleteEnabled?: boolean;
  reimportCooldownDays?: number;
  /** The custom profile fields (Tag_Profile_Custom_*) the app declares, as in the vendor's console. */
  profileCustomTags?: string[];
  /** Third-party callbacks (the vendor's console): URL, token, commands on, before-callback timeout. */
  callbackUrl?: string | null;
  callbackToken?: string | null;
  callbackCommands?: readonly string[] | null;
  callbackTimeoutMs?: number | null;
}

/** The settings the registry reads: the declared apps, and the defaults of zero-config ones. */
export interface AppsOptions {
  apps: readonly DeclaredApp[];
  admin: string;
  plan: Plan | undefined;
  accountLimit: number | null | undefined;
  deleteEnabled: boolean | undefined;
  reimportCooldownDays: number | undefined;
  rateLimit: number;
  rateLimits: Readonly<Record<string, number>>;
}

/** An app's settings that a running emulator may change (PUT /__mock/apps/:sdkappid). */
export interface AppSettings extends PlanSettings, CallbackSettings {
  /** Calls per second by command name, over the configured ones (the config file's and TIM_RATE_LIMIT). */
  rateLimits: Readonly<Record<string, number>>;
  /** The custom profile fields declared for the app (portrait_set refuses others with 40009). */
  profileCustomTags: readonly string[];
}

/** The callback settings a state document keeps: all but the token, a secret kept by the configuration. */
export type StoredCallbacks = Omit<CallbackSettings, 'callbackToken'>;

const storedCallbacksOf = (settings: CallbackSettings): StoredCallbacks => ({
  callbackUrl: settings.callbackUrl,
  callbackCommands: settings.callbackCommands === null ? null : [...settings.callbackCommands],
  callbackTimeoutMs: settings.callbackTimeoutMs,
});

/** An app as the envelope sees it. */
export interface App {
  sdkappid: number;
  admin: string;
  /** Absent in zero-config mode, where any non-empty usersig is accepted. */
  verifier: SigVerifier | undefined;
  /** Replaced whole by a change, so a call reads one consistent set. */
  settings: AppSettings;
  /** Calls per second for a command name; 0 = unlimited. */
  rateLimit(command: string, commandDefault: number | undefined): number;
}

const planFieldsOf = ({ plan, accountLimit, deleteEnabled, reimportCooldownDays }: PlanSettings): PlanSettings => ({
  plan,
  accountLimit,
  deleteEnabled,
  reimportCooldownDays,
});

const samePlanSettings = (a: PlanSettings, b: PlanSettings): boolean =>
  a.plan === b.plan &&
  a.accountLimit === b.accountLimit &&
  a.deleteEnabled === b.deleteEnabled &&
  a.reimportCooldownDays === b.reimportCooldownDays;

type StartConfig = Pick<
  DeclaredApp,
  | 'plan'
  | 'accountLimit'
  | 'deleteEnabled'
  | 'reimportCooldownDays'
  | 'rateLimits'
  | 'profileCustomTags'
  | 'callbackUrl'
  | 'callbackToken'
  | 'callbackCommands'
  | 'callbackTimeoutMs'
>;

/**
 * The most zero-config apps made on the fly (by a call, seeding or a state import) held at once.
 * Each costs memory and a row of GET /__mock/apps; a suite uses a few, and a client calling
 * every sdkappid must not grow the process without end. `reset` forgets them.
 */
export const ON_THE_FLY_APPS_MAX = 10_000;

/**
 * The apps the emulator serves: the declared ones, or in zero-config mode any sdkappid,
 * made on first use with admin `options.admin` and plan `options.plan`, up to
 * ON_THE_FLY_APPS_MAX of them; past it an unknown sdkappid is no app, as in declared mode.
 */
export class AppRegistry {
  readonly #apps = new Map<number, App>();
  /** The settings each app started with, which `restore` brings back. */
  readonly #start = new Map<number, AppSettings>();
  /** The zero-config apps made on the fly and never set with PUT: `forgetOnTheFly` drops them. */
  readonly #onTheFly = new Set<number>();
  readonly #options: AppsOptions;
  readonly #onCap: () => void;
  #capWarned = false;
  readonly declared: boolean;

  /**
   * `verifierOf` makes the verifier of a declared app from its keys; `onCap` is called once, the
   * first time an app is refused for the cap.
   */
  constructor(
    options: AppsOptions,
    verifierOf: (sdkappid: number, secretKey: string) => SigVerifier,
    onCap: () => void = () => {},
  ) {
    this.#options = options;
    this.#onCap = onCap;
    this.declared = options.apps.length > 0;
    for (const app of options.apps) {
      this.#add(app.sdkappid, app.admin, verifierOf(app.sdkappid, app.secretKey), app);
    }
  }

  /**
   * An app's own settings win, then the process-wide ones (TIM_ACCOUNT_LIMIT,
   * TIM_DELETE_ENABLED, TIM_REIMPORT_COOLDOWN_DAYS), then its plan's defaults.
   */
  #startSettings(config: StartConfig): AppSettings {
    const o = this.#options;
    return {
      ...planSettings(config.plan ?? null, {
        accountLimit: config.accountLimit === undefined ? o.accountLimit : config.accountLimit,
        deleteEnabled: config.deleteEnabled ?? o.deleteEnabled,
        reimportCooldownDays: config.reimportCooldownDays ?? o.reimportCooldownDays,
      }),
      rateLimits: { ...config.rateLimits },
      profileCustomTags: [...(config.profileCustomTags ?? [])],
      ...patchCallbacks(NO_CALLBACKS, config),
    };
  }

  #add(sdkappid: number, admin: string, verifier: SigVerifier | undefined, config: StartConfig): App {
    const { rateLimit, rateLimits } = this.#options;
    const start = this.#startSettings(config);
    const app: App = {
      sdkappid,
      admin,
      verifier,
      settings: start,
      // A limit set for the app (the config file's, or a change) wins, then the file's top-level
      // one; otherwise TIM_RATE_LIMIT=0 turns limiting off, else the command's documented
      // default, else TIM_RATE_LIMIT.
      rateLimit: (command, commandDefault) =>
        app.settings.rateLimits[command] ??
        rateLimits[command] ??
        (rateLimit === 0 ? 0 : (commandDefault ?? rateLimit)),
    };
    this.#apps.set(sdkappid, app);
    this.#start.set(sdkappid, start);
    return app;
  }

  /** The app, or undefined when it is not declared (declared mode) or past the cap (zero-config mode). */
  get(sdkappid: number): App | undefined {
    const app = this.#apps.get(sdkappid);
    if (app !== undefined || this.declared) return app;
    if (this.#onTheFly.size >= ON_THE_FLY_APPS_MAX) {
      if (!this.#capWarned) {
        this.#capWarned = true;
        this.#onCap();
      }
      return undefined;
    }
    this.#onTheFly.add(sdkappid);
    return this.#add(sdkappid, this.#options.admin, undefined, { plan: this.#options.plan });
  }

  /** Drops the zero-config apps made on the fly; declared apps and apps set with PUT stay. */
  forgetOnTheFly(): void {
    for (const sdkappid of this.#onTheFly) {
      this.#apps.delete(sdkappid);
      this.#start.delete(sdkappid);
    }
    this.#onTheFly.clear();
    this.#capWarned = false;
  }

  /** Every app known so far (declared ones, or zero-config ones already used). */
  list(): App[] {
    return [...this.#apps.values()];
  }

  /**
   * Applies a checked patch (parseAppPatch) to an app, made on first use in zero-config mode;
   * undefined when there is no such app. A plan brings its defaults for the three plan settings,
   * then the patch's own values apply; a rate limit of null drops the app's own limit.
   */
  update(sdkappid: number, patch: AppPatch): App | undefined {
    // An app set up on purpose is kept by reset and does not count against the cap.
    const app =
      this.#apps.get(sdkappid) ??
      (this.declared ? undefined : this.#add(sdkappid, this.#options.admin, undefined, { plan: this.#options.plan }));
    if (app === undefined) return undefined;
    this.#onTheFly.delete(sdkappid);
    const base: PlanSettings = patch.plan === undefined ? app.settings : planSettings(patch.plan);
    const rateLimits: Record<string, number> = { ...app.settings.rateLimits };
    for (const [command, limit] of Object.entries(patch.rateLimits ?? {})) {
      if (limit === null) delete rateLimits[command];
      else rateLimits[command] = limit;
    }
    app.settings = {
      plan: base.plan,
      accountLimit: patch.accountLimit === undefined ? base.accountLimit : patch.accountLimit,
      deleteEnabled: patch.deleteEnabled ?? base.deleteEnabled,
      reimportCooldownDays: patch.reimportCooldownDays ?? base.reimportCooldownDays,
      rateLimits,
      profileCustomTags: patch.profileCustomTags ?? app.settings.profileCustomTags,
      ...patchCallbacks(app.settings, patch),
    };
    return app;
  }

  /** Gives every app back the settings it started with. */
  restore(): void {
    for (const [sdkappid, app] of this.#apps) app.settings = this.#start.get(sdkappid) as AppSettings;
  }

  /** The apps whose plan settings are no longer those they started with, for the state document. */
  changedPlanSettings(): Array<{ sdkappid: number; settings: PlanSettings }> {
    const changed = [];
    for (const [sdkappid, app] of this.#apps) {
      const settings = planFieldsOf(app.settings);
      const start = planFieldsOf(this.#start.get(sdkappid) as AppSettings);
      if (!samePlanSettings(settings, start)) changed.push({ sdkappid, settings });
    }
    return changed;
  }

  /** The apps whose callback settings (the token aside) are no longer those they started with. */
  changedCallbackSettings(): Array<{ sdkappid: number; callbacks: StoredCallbacks }> {
    const changed = [];
    for (const [sdkappid, app] of this.#apps) {
      const callbacks = storedCallbacksOf(app.settings);
      const start = storedCallbacksOf(this.#start.get(sdkappid) as AppSettings);
      if (JSON.stringify(callbacks) !== JSON.stringify(start)) changed.push({ sdkappid, callbacks });
    }
    return changed;
  }

  /**
   * Sets the callback settings of the apps given and gives every other app back those it started
   * with; every app's token is the one it started with, as no document holds one.
   */
  replaceCallbackSettings(entries: ReadonlyArray<{ sdkappid: number; callbacks: StoredCallbacks }>): void {
    const given = new Map(entries.map((e) => [e.sdkappid, e.callbacks]));
    for (const sdkappid of given.keys()) this.get(sdkappid);
    for (const [sdkappid, app] of this.#apps) {
      const start = this.#start.get(sdkappid) as AppSettings;
      const callbacks = given.get(sdkappid) ?? storedCallbacksOf(start);
      app.settings = { ...app.settings, ...callbacks, callbackToken: start.callbackToken };
    }
  }

  /**
   * Sets the plan settings of the apps given and gives every other app back the plan settings it
   * started with (a state import replaces the whole state); rate limits are left as they are.
   */
  replacePlanSettings(entries: ReadonlyArray<{ sdkappid: number; settings: PlanSettings }>): void {
    const given = new Map(entries.map((e) => [e.sdkappid, e.settings]));
    for (const sdkappid of given.keys()) this.get(sdkappid);
    for (const [sdkappid, app] of this.#apps) {
      const settings = given.get(sdkappid) ?? planFieldsOf(this.#start.get(sdkappid) as AppSettings);
      const { plan: _p, accountLimit: _a, deleteEnabled: _d, reimportCooldownDays: _r, ...rest } = app.settings;
      app.settings = { ...settings, ...rest };
    }
  }
}
