import type { IdentifierType } from './account.js';

/** Characters as a person counts them (code points), as the seed's "4-24 个字符" means. */
export const charLength = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

export const utf8Bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

export const HOSTED_IDENTIFIER = { min: 4, max: 24 } as const;
export const PASSWORD = { min: 8, max: 16 } as const;
export const STANDALONE_IDENTIFIER_MAX_BYTES = 32;
export const PROFILE_VALUE_MAX_BYTES = 500;

const PATTERNS: Record<IdentifierType, RegExp> = {
  // countrycode-number, as in the seed's "国家码-手机号": 86-13800138000.
  1: /^[1-9][0-9]{0,3}-[0-9]{4,15}$/,
  // One @, a dot in the domain, no spaces.
  2: /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/,
  // a-z, 0-9, '.', '_' ignoring case; not all digits (checked below).
  3: /^[a-z0-9._]+$/i,
};

export const isIdentifierType = (value: unknown): value is IdentifierType => value === 1 || value === 2 || value === 3;

/** Whether a hosted identifier has the form its IdentifierType names. */
export function matchesType(identifier: string, type: IdentifierType): boolean {
  if (!PATTERNS[type].test(identifier)) return false;
  return type !== 3 || !/^[0-9]+$/.test(identifier);
}

const ASCII_UPPER = /[A-Z]/;
const ASCII_UPPER_RUNS = /[A-Z]+/g;

/**
 * String accounts are made of a-z, 0-9, '.' and '_', so ignoring their case means ASCII case
 * only: Unicode folding would make the Kelvin sign (U+212A) the same account as `k`.
 */
export const foldCase = (s: string): string =>
  ASCII_UPPER.test(s) ? s.replace(ASCII_UPPER_RUNS, (run) => run.toLowerCase()) : s;

/**
 * The key an account is stored under. String accounts ignore case (seed: 字符串帐号忽略大小写),
 * so they are keyed in lower case; every other identifier is exact.
 */
export const hostedKey = (identifier: string, type: IdentifierType): string =>
  type === 3 ? foldCase(identifier) : identifier;
