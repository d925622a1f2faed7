import type { Account } from './account.js';
import { FoldMap } from './fold-map.js';
import { foldCase, hostedKey } from './identifier-rules.js';

/** What decides where an account is filed and what it clashes with. */
export type FilingOf = Pick<Account, 'identifier' | 'kind' | 'identifierType'>;

const isHostedString = (account: FilingOf | undefined): boolean => account?.kind === 'hosted' && account.identifierType === 3;

/**
 * One app's accounts filed by key, the one place of the store's filing and clash rules (used
 * by the store, seeding and state import): a hosted string account is keyed in ASCII lower case
 * (seed: 字符串帐号忽略大小写), every other account by its exact identifier. Every operation is
 * O(1).
 */
export class AccountIndex {
  readonly #byKey = new Map<string, Account>();
  /**
   * Standalone accounts with upper-case letters, by their lower-case form, so that a hosted
   * string account's clash with `Alice` is found in O(1). A lower-case standalone identifier is
   * its own key in #byKey, so it is not filed here: a bulk import of lower-case accounts pays
   * no second map entry.
   */
  readonly #standaloneFolded = new FoldMap<Account>();

  keyOf(account: FilingOf): string {
    return account.kind === 'hosted' && account.identifierType !== undefined
      ? hostedKey(account.identifier, account.identifierType)
      : account.identifier;
  }

  get size(): number {
    return this.#byKey.size;
  }

  values(): IterableIterator<Account> {
    return this.#byKey.values();
  }

  /** The account an identifier names: the exact identifier, else a hosted string account in any ASCII case. */
  find(identifier: string): Account | undefined {
    const exact = this.#byKey.get(identifier);
    if (exact !== undefined) return exact;
    const folded = foldCase(identifier);
    // Already in lower case: that very key missed (a second miss costs on a big map).
    if (folded === identifier) return undefined;
    const account = this.#byKey.get(folded);
    return isHostedString(account) ? account : undefined;
  }

  /** The account `account` would replace: the one under the same key. */
  sameKey(account: FilingOf): Account | undefined {
    return this.#byKey.get(this.keyOf(account));
  }

  /**
   * An account under another key that cannot live beside `account`: a hosted string account
   * and any account equal to it in ASCII case (a standalone `Alice` beside a hosted `alice`).
   * Hosted phone and email accounts hold no letter a string account could share and fold to no
   * other key, so only string accounts and standalone ones clash.
   */
  clash(account: FilingOf): Account | undefined {
    if (isHostedString(account)) {
      return this.#standaloneFolded.first(this.keyOf(account));
    }
    if (account.kind !== 'standalone') return undefined;
    const folded = foldCase(account.identifier);
    if (folded === account.identifier) return undefined;
    const hosted = this.#byKey.get(folded);
    return isHostedString(hosted) ? hosted : undefined;
  }

  /** Files `account`, replacing the one under its key. */
  put(account: Account): void {
    const key = this.keyOf(account);
    const replaced = this.#byKey.get(key);
    if (replaced !== undefined) this.#unfold(replaced);
    this.#byKey.set(key, account);
    this.#fold(account);
  }

  /** Removes the account filed under `account`'s key. */
  remove(account: FilingOf): void {
    const key = this.keyOf(account);
    const filed = this.#byKey.get(key);
    if (filed === undefined) return;
    this.#byKey.delete(key);
    this.#unfold(filed);
  }

  /** The lower-case form a standalone account is counted under, if it is counted. */
  #foldedStandalone(account: Account): string | undefined {
    if (account.kind !== 'standalone') return undefined;
    const folded = foldCase(account.identifier);
    return folded === account.identifier ? undefined : folded;
  }

  #fold(account: Account): void {
    const folded = this.#foldedStandalone(account);
    if (folded !== undefined) this.#standaloneFolded.add(folded, account);
  }

  #unfold(account: Account): void {
    const folded = this.#foldedStandalone(account);
    if (folded !== undefined) this.#standaloneFolded.delete(folded, account);
  }
}
