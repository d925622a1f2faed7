import type { MockOptions } from '../config.js';
import { UserSigVerifier } from './usersig.js';

/** An app as the envelope sees it. */
export interface App {
  sdkappid: number;
  admin: string;
  /** Absent in zero-config mode, where any non-empty usersig is accepted. */
  verifier: UserSigVerifier | undefined;
  /** Calls per second for a command name; 0 = unlimited. */
  rateLimit(command: string, commandDefault: number | undefined): number;
}

/**
 * The apps the emulator serves: the declared ones, or in zero-config mode any sdkappid,
 * made on first use with admin `options.admin`.
 */
export class AppRegistry {
  readonly #apps = new Map<number, App>();
  readonly #options: MockOptions;
  readonly declared: boolean;

  constructor(options: MockOptions) {
    this.#options = options;
    this.declared = options.apps.length > 0;
    for (const app of options.apps) {
      const verifier = new UserSigVerifier(app.sdkappid, app.secretKey);
      this.#apps.set(app.sdkappid, this.#make(app.sdkappid, app.admin, verifier, app.rateLimits ?? {}));
    }
  }

  #make(
    sdkappid: number,
    admin: string,
    verifier: UserSigVerifier | undefined,
    appLimits: Record<string, number>,
  ): App {
    const { rateLimit, rateLimits } = this.#options;
    return {
      sdkappid,
      admin,
      verifier,
      // A limit the config file names for the command wins (the app's own, then the file's);
      // otherwise TIM_RATE_LIMIT=0 turns limiting off, else the command's documented default,
      // else TIM_RATE_LIMIT.
      rateLimit: (command, commandDefault) =>
        appLimits[command] ?? rateLimits[command] ?? (rateLimit === 0 ? 0 : (commandDefault ?? rateLimit)),
    };
  }

  /** The app, or undefined when it is not declared (declared mode only). */
  get(sdkappid: number): App | undefined {
    let app = this.#apps.get(sdkappid);
    if (app === undefined && !this.declared) {
      app = this.#make(sdkappid, this.#options.admin, undefined, {});
      this.#apps.set(sdkappid, app);
    }
    return app;
  }

  /** Every app known so far (declared ones, or zero-config ones already used). */
  list(): App[] {
    return [...this.#apps.values()];
  }
}
