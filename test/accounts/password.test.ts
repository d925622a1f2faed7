import t from 'tap';
import { hashPassword, isPasswordHash } from '../../src/model/accounts/password.js';
import { verifyPassword } from './verify-password.js';
import { build, call, REGISTER, SDKAPPID } from '../helper.js';

t.test('register_account_v1 keeps only a salted hash of the password', async (t) => {
  const { app } = build(t);
  const password = 'Secret-Pass-42';
  t.match(await call(t, app, REGISTER, { Identifier: 'pw_one', IdentifierType: 3, Password: password }), { ErrorCode: 0 });
  t.match(await call(t, app, REGISTER, { Identifier: 'pw_two', IdentifierType: 3, Password: password }), { ErrorCode: 0 });
  const one = app.mock.store.get(SDKAPPID, 'pw_one');
  const two = app.mock.store.get(SDKAPPID, 'pw_two');
  t.ok(one?.passwordHash && isPasswordHash(one.passwordHash), 'a hash in the documented form');
  t.not(one?.passwordHash, two?.passwordHash, 'the same password gives two different hashes');
  t.ok(verifyPassword(password, one?.passwordHash ?? ''), 'the hash is of that password');
  t.notOk(verifyPassword(`${password}x`, one?.passwordHash ?? ''));
  for (const account of [one, two]) {
    const stored = JSON.stringify(account);
    t.notMatch(stored, password, 'the clear password appears nowhere in the account');
    t.notMatch(stored, Buffer.from(password).toString('base64'), 'not even base64-encoded');
  }
  t.notMatch(JSON.stringify(app.mock.store.list()), password);
});

t.test('hashPassword / verifyPassword', async (t) => {
  const a = hashPassword('password1');
  const b = hashPassword('password1');
  t.not(a, b, 'a fresh salt each time');
  t.ok(isPasswordHash(a));
  t.equal(hashPassword('password1', 'fixed'), hashPassword('password1', 'fixed'), 'deterministic for one salt');
  t.ok(verifyPassword('password1', a));
  t.notOk(verifyPassword('password2', a));
  t.notOk(verifyPassword('password1', 'plain'), 'not a hash');
  t.notOk(verifyPassword('password1', 'md5$salt$digest'), 'an unknown scheme');
  t.notOk(isPasswordHash('password1'));
  t.ok(verifyPassword('密码密码密码密码', hashPassword('密码密码密码密码')), 'multi-byte passwords');
});
