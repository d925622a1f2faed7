export const REDACTED = '[redacted]';

/** Keys whose values are secrets, in any letter case: Password, usersig, SecretKey, tokens. */
const SECRET_KEY = /password|secret|usersig|token|^sig$|^key$|authorization/i;

/** A deep copy of a JSON value with every secret-named key's value replaced, at any depth. */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] = SECRET_KEY.test(key) ? REDACTED : redactSecrets(item);
  }
  return copy;
}
