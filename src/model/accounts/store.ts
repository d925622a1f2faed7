import { isoNow, unixSeconds, type Clock } from '../clock.js';
import type { Account, IdentifierType, Profile } from './account.js';
import { AccountIndex, type FilingOf } from './account-index.js';
import { FoldMap } from './fold-map.js';
import { foldCase } from './identifier-rules.js';
import { RECLAIM_AFTER } from './reclaim.js';

/**
 * One app's remembered deletions (unix seconds), for the 70399 rule. An identifier that names
 * an account again is forgotten, so no deletion outlives the account coming back.
 */
class Deletions {
  readonly #at = new Map<string, number>();
  /**
   * Deleted identifiers with upper-case letters by their lower-case form, so that registering
   * the string account `carol.b` forgets the deletion of `Carol.B` in O(1).
   */
  readonly #folded = new FoldMap<string>();

  get(identifier: string): number | undefined {
    return this.#at.get(identifier);
  }

  set(identifier: string, deletedAt: number): void {
    this.#at.set(identifier, deletedAt);
    const folded = foldCase(identifier);
    if (folded !== identifier) this.#folded.add(folded, identifier);
  }

  /** Forgets `identifier`, and with `anyCase` every identifier equal to it in ASCII case. */
  forget(identifier: string, anyCase: boolean): void {
    if (this.#at.size === 0) return;
    if (!anyCase) {
      if (this.#at.delete(identifier)) this.#unfold(identifier);
      return;
    }
    const folded = foldCase(identifier);
    this.#at.delete(folded);
    for (const other of this.#folded.take(folded)) this.#at.delete(other);
  }

  #unfold(identifier: string): void {
    const folded = foldCase(identifier);
    if (folded !== identifier) this.#folded.delete(folded, identifier);
  }

  entries(): IterableIterator<[string, number]> {
    return this.#at.entries();
  }

  get size(): number {
    return this.#at.size;
  }
}

/** One app: its accounts and its deletions. */
class App {
  readonly accounts = new AccountIndex();
  readonly deletions = new Deletions();

  /**
   * Files an account (replacing the one under its key) and forgets the deletions of every
   * identifier that now names it: a hosted string account answers to any ASCII case.
   */
  file(account: Account): void {
    this.accounts.put(account);
    this.deletions.forget(account.identifier, account.kind === 'hosted' && account.identifierType === 3);
  }
}

export type RegisterResult = { ok: true; account: Account } | { ok: false; reason: 'exists' };
export type ImportResult = { account: Account };
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
  readonly #apps = new Map<number, App>();
  readonly #clock: Clock;
  readonly #reclaim: (() => void) | undefined;

  /**
   * `reclaim` is called as RECLAIM_AFTER or more accounts and remembered deletions are removed
   * at once; `reclaimMemory` collects on the next turn of the event loop, once they are gone.
   */
  constructor(clock: Clock, reclaim?: () => void) {
    this.#clock = clock;
    this.#reclaim = reclaim;
  }

  /** Before `apps` are dropped: asks for their memory back (once they are gone) when they hold enough. */
  #dropping(apps: Iterable<App | undefined>): void {
    if (this.#reclaim === undefined) return;
    let entries = 0;
    for (const app of apps) entries += app === undefined ? 0 : app.accounts.size + app.deletions.size;
    if (entries >= RECLAIM_AFTER) this.#reclaim();
  }

  #app(sdkappid: number): App {
    let app = this.#apps.get(sdkappid);
    if (app === undefined) {
      app = new App();
      this.#apps.set(sdkappid, app);
    }
    return app;
  }

  #now(): string {
    return isoNow(this.#clock);
  }

  get(sdkappid: number, identifier: string): Account | undefined {
    return this.#apps.get(sdkappid)?.accounts.find(identifier);
  }

  /** The account stored under `account`'s key, which `put` would replace. */
  sameKey(account: Account): Account | undefined {
    return this.#apps.get(account.sdkappid)?.accounts.sameKey(account);
  }

  /** A stored account under another key that cannot live beside `account` (AccountIndex.clash). */
  clash(account: Account): Account | undefined {
    return this.#apps.get(account.sdkappid)?.accounts.clash(account);
  }

  /**
   * Whether `register` would create the account: its key is free and it clashes with none
   * (string accounts in any letter case).
   */
  registrable(sdkappid: number, identifier: string, identifierType: IdentifierType): boolean {
    const accounts = this.#apps.get(sdkappid)?.accounts;
    const filing: FilingOf = { identifier, kind: 'hosted', identifierType };
    return accounts === undefined || (accounts.sameKey(filing) === undefined && accounts.clash(filing) === undefined);
  }

  /** A hosted account; refused when it is not `registrable`. */
  register(sdkappid: number, identifier: string, identifierType: IdentifierType, passwordHash: string): RegisterResult {
    if (!this.registrable(sdkappid, identifier, identifierType)) return { ok: false, reason: 'exists' };
    const app = this.#app(sdkappid);
    const now = this.#now();
    const account: Account = { sdkappid, identifier, kind: 'hosted', identifierType, passwordHash, createdAt: now, updatedAt: now };
    app.file(account);
    return { ok: true, account };
  }

  /** Creates a standalone account, or updates the profile of the account already there. */
  import(sdkappid: number, identifier: string, profile: Profile): ImportResult {
    const app = this.#app(sdkappid);
    const now = this.#now();
    const existing = app.accounts.find(identifier);
    if (existing !== undefined) {
      applyProfile(existing, profile);
      existing.updatedAt = now;
      return { account: existing };
    }
    const account: Account = { sdkappid, identifier, kind: 'standalone', createdAt: now, updatedAt: now };
    applyProfile(account, profile);
    app.file(account);
    return { account };
  }

  /**
   * Stores an account as given (seeding and state import), replacing one with the same key;
   * the caller has checked it does not clash. Forgets the deletions of the identifier as
   * register and import do.
   */
  put(account: Account): void {
    this.#app(account.sdkappid).file(account);
  }

  /** Deletes an account; remembers when, for the re-import cooldown. */
  delete(sdkappid: number, identifier: string): boolean {
    const app = this.#apps.get(sdkappid);
    const account = app?.accounts.find(identifier);
    if (app === undefined || account === undefined) return false;
    app.accounts.remove(account);
    app.deletions.set(account.identifier, unixSeconds(this.#clock));
    return true;
  }

  /** When the identifier was last deleted (unix seconds), if it was and has not come back. */
  deletedAt(sdkappid: number, identifier: string): number | undefined {
    return this.#apps.get(sdkappid)?.deletions.get(identifier);
  }

  /** Every remembered deletion, for the state export: none names an account that exists. */
  deletions(): Deletion[] {
    const all: Deletion[] = [];
    for (const [sdkappid, app] of this.#apps) {
      for (const [identifier, deletedAt] of app.deletions.entries()) all.push({ sdkappid, identifier, deletedAt });
    }
    return all;
  }

  /** Replaces every app's accounts and deletions with already checked ones (state import). */
  replace(accounts: readonly Account[], deletions: readonly Deletion[]): void {
    this.#dropping(this.#apps.values());
    this.#apps.clear();
    for (const account of accounts) this.put(account);
    for (const { sdkappid, identifier, deletedAt } of deletions) {
      this.#app(sdkappid).deletions.set(identifier, deletedAt);
    }
  }

  /** The apps holding accounts or deletions. */
  sdkappids(): number[] {
    return [...this.#apps.keys()];
  }

  /**
   * Removes an account without remembering the deletion (the control plane's delete): it may be
   * imported again at once, as after DELETE /__mock/accounts.
   */
  forget(sdkappid: number, identifier: string): Account | undefined {
    const app = this.#apps.get(sdkappid);
    const account = app?.accounts.find(identifier);
    if (account !== undefined) app?.accounts.remove(account);
    return account;
  }

  /** One app's accounts, or every app's, app by app, in the order they were first filed. */
  *values(sdkappid?: number): Generator<Account> {
    if (sdkappid !== undefined) {
      yield * this.#apps.get(sdkappid)?.accounts.values() ?? [];
      return;
    }
    for (const app of this.#apps.values()) yield * app.accounts.values();
  }

  list(sdkappid?: number): Account[] {
    // One app's list is copied from its index directly, without a generator step per account.
    if (sdkappid !== undefined) return Array.from(this.#apps.get(sdkappid)?.accounts.values() ?? []);
    return [...this.values()];
  }

  count(sdkappid?: number): number {
    if (sdkappid !== undefined) return this.#apps.get(sdkappid)?.accounts.size ?? 0;
    let n = 0;
    for (const app of this.#apps.values()) n += app.accounts.size;
    return n;
  }

  /** Empties one app, or every app. */
  clear(sdkappid?: number): void {
    this.#dropping(sdkappid === undefined ? this.#apps.values() : [this.#apps.get(sdkappid)]);
    if (sdkappid === undefined) this.#apps.clear();
    else this.#apps.delete(sdkappid);
  }
}

function applyProfile(account: Account, profile: Profile): void {
  if (profile.nick !== undefined) account.nick = profile.nick;
  if (profile.faceUrl !== undefined) account.faceUrl = profile.faceUrl;
  if (profile.type !== undefined) account.type = profile.type;
}
