/** A profile field's value: a string or an unsigned 32-bit integer, as the vendor keeps them. */
export type TagValue = string | number;

/** One account's profile fields, other than Nick and Image (kept on the account, as account_import sets them). */
export interface ProfileEntry {
  sdkappid: number;
  identifier: string;
  tags: Record<string, TagValue>;
}

/**
 * The profile fields that portrait_set writes, per app and account (the account's stored
 * identifier). Bounded by the accounts themselves: account_delete and reset remove them, and a
 * call sets at most the tags the vendor defines plus the app's declared custom ones.
 */
export class ProfileStore {
  readonly #apps = new Map<number, Map<string, Map<string, TagValue>>>();

  get(sdkappid: number, identifier: string): ReadonlyMap<string, TagValue> | undefined {
    return this.#apps.get(sdkappid)?.get(identifier);
  }

  /** Sets the given fields, keeping the others. */
  set(sdkappid: number, identifier: string, items: Iterable<readonly [string, TagValue]>): void {
    let app = this.#apps.get(sdkappid);
    if (app === undefined) this.#apps.set(sdkappid, (app = new Map()));
    let tags = app.get(identifier);
    if (tags === undefined) app.set(identifier, (tags = new Map()));
    for (const [tag, value] of items) tags.set(tag, value);
  }

  delete(sdkappid: number, identifier: string): void {
    this.#apps.get(sdkappid)?.delete(identifier);
  }

  clear(sdkappid?: number): void {
    if (sdkappid === undefined) this.#apps.clear();
    else this.#apps.delete(sdkappid);
  }

  /** Every profile with fields, app by app, for the control plane and the state document. */
  snapshot(sdkappid?: number): ProfileEntry[] {
    const out: ProfileEntry[] = [];
    for (const [id, app] of this.#apps) {
      if (sdkappid !== undefined && id !== sdkappid) continue;
      for (const [identifier, tags] of app) {
        if (tags.size > 0) out.push({ sdkappid: id, identifier, tags: Object.fromEntries(tags) });
      }
    }
    return out;
  }

  /** Replaces every profile with already checked ones (state import). */
  restore(entries: readonly ProfileEntry[]): void {
    this.#apps.clear();
    for (const { sdkappid, identifier, tags } of entries) this.set(sdkappid, identifier, Object.entries(tags));
  }
}
