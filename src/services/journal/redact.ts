export const REDACTED = '[redacted]';
export const TOO_DEEP = '[too deep]';

/** Keys whose values are secrets, in any letter case: Password, usersig, SecretKey, tokens. */
const SECRET_KEY = /password|secret|usersig|token|^sig$|^key$|authorization/i;

/**
 * Vendor bodies are a few levels deep; a client may still send thousands of levels, which a
 * recursive copy would follow until the stack overflows. Past this depth the value is dropped.
 */
const MAX_DEPTH = 32;

/** A deep copy of a JSON value with every secret-named key's value replaced, at any depth kept. */
export function redactSecrets(value: unknown, depth = 0): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_DEPTH) return TOO_DEEP;
  if (Array.isArray(value)) return value.map((item) => redactSecrets(item, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] = SECRET_KEY.test(key) ? REDACTED : redactSecrets(item, depth + 1);
  }
  return copy;
}
