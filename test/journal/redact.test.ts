import t from 'tap';
import { REDACTED, redactSecrets, TOO_DEEP } from '../../src/services/journal/redact.js';

t.test('secret-named keys are redacted at any depth, in any case; the input is not touched', async (t) => {
  const body = {
    Identifier: 'alice01',
    Password: 'hunter22x',
    nested: { password: 'p2', SecretKey: 'k1', list: [{ UserSig: 's1', Nick: 'n' }, 3, null] },
    usersig: 's2',
    mockToken: 't1',
    Sig: 's3',
    Key: 'k2',
    AccountList: [{ UserID: 'bob', Password: 'p3' }],
  };
  const original = structuredClone(body);
  t.same(redactSecrets(body), {
    Identifier: 'alice01',
    Password: REDACTED,
    nested: { password: REDACTED, SecretKey: REDACTED, list: [{ UserSig: REDACTED, Nick: 'n' }, 3, null] },
    usersig: REDACTED,
    mockToken: REDACTED,
    Sig: REDACTED,
    Key: REDACTED,
    AccountList: [{ UserID: 'bob', Password: REDACTED }],
  });
  t.same(body, original);
});

t.test('a secret that is itself an object or array is redacted whole', async (t) => {
  t.same(redactSecrets({ secret: { a: 1 }, passwords: ['x'] }), { secret: REDACTED, passwords: REDACTED });
});

t.test('scalars pass through', async (t) => {
  t.equal(redactSecrets('x'), 'x');
  t.equal(redactSecrets(null), null);
  t.equal(redactSecrets(5), 5);
});

t.test('a body nested past the depth limit is cut there instead of overflowing the stack', async (t) => {
  let deep: unknown = { Password: 'bottom-secret' };
  for (let i = 0; i < 20_000; i++) deep = { a: deep };
  const copy = redactSecrets({ Identifier: 'deep1', x: deep }) as { Identifier: string; x: unknown };
  t.equal(copy.Identifier, 'deep1');
  t.notMatch(JSON.stringify(copy), /bottom-secret/);
  t.match(JSON.stringify(copy), new RegExp(TOO_DEEP.replace(/[[\]]/g, '\\$&')));
});
