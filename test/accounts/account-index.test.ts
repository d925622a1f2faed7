import t from 'tap';
import type { Account } from '../../src/model/accounts/account.js';
import { AccountIndex } from '../../src/model/accounts/account-index.js';

const at = '2026-01-01T00:00:00.000Z';
const standalone = (identifier: string): Account => ({ sdkappid: 1, identifier, kind: 'standalone', createdAt: at, updatedAt: at });
const hosted = (identifier: string, identifierType: 1 | 2 | 3 = 3): Account => ({
  sdkappid: 1,
  identifier,
  kind: 'hosted',
  identifierType,
  passwordHash: 'h',
  createdAt: at,
  updatedAt: at,
});

t.test('keys: hosted string accounts in ASCII lower case, everything else exact', async (t) => {
  const index = new AccountIndex();
  t.equal(index.keyOf(hosted('Alice.B')), 'alice.b');
  t.equal(index.keyOf(hosted('Bob@Example.com', 2)), 'Bob@Example.com');
  t.equal(index.keyOf(standalone('Alice.B')), 'Alice.B');
  t.equal(index.keyOf(hosted('\u212Aate')), '\u212Aate', 'the Kelvin sign is not folded');
});

t.test('find: the exact identifier, else a hosted string account in any ASCII case', async (t) => {
  const index = new AccountIndex();
  index.put(hosted('Alice'));
  index.put(standalone('Bob'));
  index.put(hosted('Carol@Example.com', 2));
  t.equal(index.find('ALICE')?.identifier, 'Alice');
  t.equal(index.find('alice')?.identifier, 'Alice');
  t.equal(index.find('Bob')?.identifier, 'Bob');
  t.equal(index.find('bob'), undefined, 'a standalone account is exact');
  t.equal(index.find('BOB'), undefined);
  t.equal(index.find('carol@example.com'), undefined, 'an email account is exact');
  t.equal(index.size, 3);
});

t.test('clash: a string account beside any account equal to it in ASCII case, under another key', async (t) => {
  const index = new AccountIndex();
  index.put(standalone('Alice'));
  index.put(standalone('ALICE'));
  const first = index.clash(hosted('alice'));
  t.ok(first?.identifier === 'Alice' || first?.identifier === 'ALICE', 'one of the standalone accounts');
  t.equal(index.sameKey(hosted('alice')), undefined, 'under another key');
  index.remove(standalone('Alice'));
  t.equal(index.clash(hosted('aLiCe'))?.identifier, 'ALICE', 'the other still clashes');
  index.put({ ...standalone('ALICE'), nick: 'replaced' });
  t.equal(index.clash(hosted('alice'))?.nick, 'replaced', 'a replaced account is filed once, as the new one');
  index.remove(standalone('ALICE'));
  t.equal(index.clash(hosted('alice')), undefined, 'gone once both are');

  index.put(hosted('Dave'));
  t.equal(index.clash(standalone('DAVE'))?.identifier, 'Dave', 'a standalone account beside a string account');
  t.equal(index.clash(standalone('dave')), undefined, 'the lower-case one is its key: it would replace it');
  t.equal(index.sameKey(standalone('dave'))?.identifier, 'Dave');
  t.equal(index.clash(hosted('DAVE')), undefined, 'a string account in another case is the same key');

  index.put(standalone('eve'));
  t.equal(index.clash(hosted('EVE')), undefined, 'a lower-case standalone account is the same key, not a clash');
  t.equal(index.sameKey(hosted('EVE'))?.identifier, 'eve');

  index.put(hosted('Frank@Example.com', 2));
  t.equal(index.clash(standalone('frank@example.com')), undefined, 'email accounts clash with nothing');
  t.equal(index.clash(hosted('frank@example.com', 2)), undefined);
  index.put(standalone('86-13800138000'));
  t.equal(index.clash(hosted('86-13800138000', 1)), undefined, 'nor do phone accounts');
  t.equal(index.sameKey(hosted('86-13800138000', 1))?.kind, 'standalone', 'an exact identifier is the same key');
});

t.test('remove takes whatever is filed under the key', async (t) => {
  const index = new AccountIndex();
  index.put(hosted('Alice'));
  index.remove(hosted('ALICE'));
  t.equal(index.size, 0);
  index.remove(hosted('ALICE'));
  index.put(standalone('Bob'));
  index.remove(standalone('Bob'));
  t.equal(index.clash(hosted('bob')), undefined, 'and unfiles its folded form');
  t.same([...index.values()], []);
});
