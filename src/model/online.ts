/** The platforms the vendor reports in query_online_status's Detail (https://cloud.tencent.com/document/product/269/2566). */
export const PLATFORMS = ['iPhone', 'Android', 'Web', 'PC', 'iPad', 'Mac'] as const;
export type Platform = (typeof PLATFORMS)[number];
/** A platform's state: Online (a long connection), PushOnline (killed, still reached by offline push). */
export type PlatformStatus = 'Online' | 'PushOnline';
export type OnlineStatus = PlatformStatus | 'Offline';

/** One account's logged-in platforms. */
export interface OnlineEntry {
  sdkappid: number;
  identifier: string;
  platforms: Partial<Record<Platform, PlatformStatus>>;
}

export const isPlatform = (value: unknown): value is Platform => PLATFORMS.includes(value as Platform);

/**
 * Which accounts a client has logged in, per app and account (its stored identifier). Every
 * account is Offline until a test says otherwise (the control plane or the in-process API,
 * simulating a login); kick, account_delete and reset take it offline. Bounded by accounts
 * times the six platforms.
 */
export class OnlineStore {
  readonly #apps = new Map<number, Map<string, Map<Platform, PlatformStatus>>>();

  /** Online when any platform is, else PushOnline when any platform is, else Offline (the vendor's rule). */
  status(sdkappid: number, identifier: string): OnlineStatus {
    const platforms = this.#apps.get(sdkappid)?.get(identifier);
    if (platforms === undefined) return 'Offline';
    const states = [...platforms.values()];
    if (states.includes('Online')) return 'Online';
    return states.length > 0 ? 'PushOnline' : 'Offline';
  }

  /** The logged-in platforms, in login order. */
  platforms(sdkappid: number, identifier: string): Array<[Platform, PlatformStatus]> {
    return [...(this.#apps.get(sdkappid)?.get(identifier) ?? [])];
  }

  /** Sets one platform's state; Offline logs that platform out. */
  set(sdkappid: number, identifier: string, platform: Platform, status: OnlineStatus): void {
    if (status === 'Offline') {
      const platforms = this.#apps.get(sdkappid)?.get(identifier);
      platforms?.delete(platform);
      if (platforms?.size === 0) this.logout(sdkappid, identifier);
      return;
    }
    let app = this.#apps.get(sdkappid);
    if (app === undefined) this.#apps.set(sdkappid, (app = new Map()));
    let platforms = app.get(identifier);
    if (platforms === undefined) app.set(identifier, (platforms = new Map()));
    platforms.set(platform, status);
  }

  /** Every platform offline (kick, account_delete). */
  logout(sdkappid: number, identifier: string): void {
    this.#apps.get(sdkappid)?.delete(identifier);
  }

  clear(sdkappid?: number): void {
    if (sdkappid === undefined) this.#apps.clear();
    else this.#apps.delete(sdkappid);
  }

  snapshot(sdkappid?: number): OnlineEntry[] {
    const out: OnlineEntry[] = [];
    for (const [id, app] of this.#apps) {
      if (sdkappid !== undefined && id !== sdkappid) continue;
      for (const [identifier, platforms] of app) {
        out.push({ sdkappid: id, identifier, platforms: Object.fromEntries(platforms) });
      }
    }
    return out;
  }

  restore(entries: readonly OnlineEntry[]): void {
    this.#apps.clear();
    for (const { sdkappid, identifier, platforms } of entries) {
      for (const [platform, status] of Object.entries(platforms)) {
        this.set(sdkappid, identifier, platform as Platform, status);
      }
    }
  }
}
