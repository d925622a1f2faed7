import { createHash, randomBytes } from 'node:crypto';

/**
 * Salted SHA-256. The emulator stores passwords only so that nobody can read them back; it
 * never checks one at login (there is no login), so a deliberately slow KDF would only cap
 * register_account_v1's throughput without protecting anything more.
 */
export function hashPassword(password: string, salt: string = randomBytes(16).toString('base64')): string {
  return `sha256$${salt}$${createHash('sha256').update(salt).update(password).digest('base64')}`;
}

export const isPasswordHash = (value: string): boolean => /^sha256\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]{44}$/.test(value);
