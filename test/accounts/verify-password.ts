import { timingSafeEqual } from 'node:crypto';
import { hashPassword } from '../../src/model/accounts/password.js';

/** Whether `stored` is the hash of `password`: the emulator never checks one (there is no login), the tests do. */
export function verifyPassword(password: string, stored: string): boolean {
  const [scheme, salt, digest] = stored.split('$');
  if (scheme !== 'sha256' || salt === undefined || digest === undefined) return false;
  const expected = Buffer.from(hashPassword(password, salt));
  const given = Buffer.from(stored);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
