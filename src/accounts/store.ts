import { isoNow, unixSeconds, type Clock } from '../clock.js';
import type { Account, IdentifierType, Profile } from './account.js';
import { foldCase, hostedKey } from './identifier-rules.js';

/** One app's accounts. Lookups are O(1): by exact identifier, then by folded string account. */
class Namespace {
  /** By exact identifier, or by lower case for hosted string accounts. */
  readonly byKey = new Map<string, Account>();
  /**
   * How many standalone accounts fold to each lower-case form, so that registering the string
   * account `alice` is refused in O(1) when `Alice` was imported (the seed: string accounts
   * ignore case).
   */
  readonly #standaloneFolded = new Map<string, number>();
  /** When each deleted identifier was deleted (unix seconds), for the 70399 rule. */
  readonly deletedAt = new Map<string, number>();

  find(identifier: string): Account | undefined {
    return this.byKey.get(identifier) ?? this.#foldedHosted(identifier);
  }

  #foldedHosted(identifier: string): Account | undefined {
    const folded = foldCase(identifier);
    // Already in lower case: `find` looked this very key up (a second miss costs on a big map).
    if (folded === identifier) return undefined;
    const account = this.byKey.get(folded);
    return account?.kind === 'hosted' && account.identifierType === 3 ? account : undefined;
  }

  /** Whether a hosted account under `key` would clash with an account already here. */
  taken(key: string, identifier: string, identifierType: IdentifierType): boolean {
    return this.byKey.has(key) || this.byKey.has(identifier) || (identifierType === 3 && this.#standaloneFolded.has(key));
  }

  keyOf(account: Account): string {
    return account.kind === 'hosted' && account.identifierType !== undefined
      ? hostedKey(account.identifier, account.identifierType)
      : account.identifier;
  }

  set(account: Account): void {
    const key = this.keyOf(account);
    const replaced = this.byKey.get(key);
    if (replaced !== undefined) this.#fold(replaced, -1);
    this.byKey.set(key, account);
    this.#fold(account, 1);
  }

  remove(account: Account): void {
    this.byKey.delete(this.keyOf(account));
    this.#fold(account, -1);
  }

  #fold(account: Account, delta: 1 | -1): void {
    if (account.kind !== 'standalone') return;
    const folded = foldCase(account.identifier);
    // An identifier already in lower case is its own key in byKey, which `taken` checks; not
    // counting it keeps a bulk import of lower-case accounts from paying a second map entry.
    if (folded === account.identifier) return;
    const n = (this.#standaloneFolded.get(folded) ?? 0) + delta;
    if (n > 0) this.#standaloneFolded.set(folded, n);
    else this.#standaloneFolded.delete(folded);
  }
}

export type RegisterResult = { ok: true; account: Account } | { ok: false; reason: 'exists' };
export type ImportResult = { account: Account; created: boolean };
/** A deleted identifier and when it was deleted (unix seconds). */
export interface Deletion {
  sdkappid: number;
  identifier: string;
  deletedAt: number;
}

/**
 * Every app's accounts, in memory for the life of the process. Each method runs to completion
 * without awaiting, so concurrent requests cannot interleave inside one.
 */
export class AccountStore {
  readonly #apps = new Map<number, Namespace>();
  readonly #clock: Clock;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  #ns(sdkappid: number): Namespace {
    let ns = this.#apps.get(sdkappid);
    if (ns === undefined) {
      ns = new Namespace();
      this.#apps.set(sdkappid, ns);
    }
    return ns;
  }

  #now(): string {
    return isoNow(this.#clock);
  }

  get(sdkappid: number, identifier: string): Account | undefined {
    return this.#apps.get(sdkappid)?.find(identifier);
  }

  /** A hosted account; refused when its key is taken (string accounts in any letter case). */
  register(sdkappid: number, identifier: string, identifierType: IdentifierType, passwordHash: string): RegisterResult {
    const ns = this.#ns(sdkappid);
    if (ns.taken(hostedKey(identifier, identifierType), identifier, identifierType)) return { ok: false, reason: 'exists' };
    const now = this.#now();
    const account: Account = { sdkappid, identifier, kind: 'hosted', identifierType, passwordHash, createdAt: now, updatedAt: now };
    ns.set(account);
    ns.deletedAt.delete(identifier);
    return { ok: true, account };
  }

  /** Creates a standalone account, or updates the profile of the account already there. */
  import(sdkappid: number, identifier: string, profile: Profile): ImportResult {
    const ns = this.#ns(sdkappid);
    const now = this.#now();
    const existing = ns.find(identifier);
    if (existing !== undefined) {
      applyProfile(existing, profile);
      existing.updatedAt = now;
      return { account: existing, created: false };
    }
    const account: Account = { sdkappid, identifier, kind: 'standalone', createdAt: now, updatedAt: now };
    applyProfile(account, profile);
    ns.set(account);
    ns.deletedAt.delete(identifier);
    return { account, created: true };
  }

  /** Stores an account as given (seeding and state import); replaces one with the same key. */
  put(account: Account): void {
    this.#ns(account.sdkappid).set(account);
  }

  /** Deletes an account; remembers when, for the re-import cooldown. */
  delete(sdkappid: number, identifier: string): boolean {
    const ns = this.#apps.get(sdkappid);
    const account = ns?.find(identifier);
    if (ns === undefined || account === undefined) return false;
    ns.remove(account);
    ns.deletedAt.set(account.identifier, unixSeconds(this.#clock));
    return true;
  }

  /** When the identifier was last deleted (unix seconds), if it was and has not come back. */
  deletedAt(sdkappid: number, identifier: string): number | undefined {
    return this.#apps.get(sdkappid)?.deletedAt.get(identifier);
  }

  /** Every remembered deletion, for the state export. */
  deletions(): Deletion[] {
    const all: Deletion[] = [];
    for (const [sdkappid, ns] of this.#apps) {
      for (const [identifier, deletedAt] of ns.deletedAt) all.push({ sdkappid, identifier, deletedAt });
    }
    return all;
  }

  /** Replaces every app's accounts and deletions with already checked ones (state import). */
  replace(accounts: readonly Account[], deletions: readonly Deletion[]): void {
    this.#apps.clear();
    for (const account of accounts) this.put(account);
    for (const { sdkappid, identifier, deletedAt } of deletions) this.#ns(sdkappid).deletedAt.set(identifier, deletedAt);
  }

  list(sdkappid?: number): Account[] {
    if (sdkappid !== undefined) return [...(this.#apps.get(sdkappid)?.byKey.values() ?? [])];
    return [...this.#apps.values()].flatMap((ns) => [...ns.byKey.values()]);
  }

  count(sdkappid?: number): number {
    if (sdkappid !== undefined) return this.#apps.get(sdkappid)?.byKey.size ?? 0;
    let n = 0;
    for (const ns of this.#apps.values()) n += ns.byKey.size;
    return n;
  }

  /** Empties one app, or every app. */
  clear(sdkappid?: number): void {
    if (sdkappid === undefined) this.#apps.clear();
    else this.#apps.delete(sdkappid);
  }
}

function applyProfile(account: Account, profile: Profile): void {
  if (profile.nick !== undefined) account.nick = profile.nick;
  if (profile.faceUrl !== undefined) account.faceUrl = profile.faceUrl;
  if (profile.type !== undefined) account.type = profile.type;
}
