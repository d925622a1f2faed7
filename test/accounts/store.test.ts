import t from 'tap';
import { ControllableClock } from '../../src/model/clock.js';
import { AccountStore } from '../../src/model/accounts/store.js';
import type { Account } from '../../src/model/accounts/account.js';

const store = () => {
  const clock = new ControllableClock();
  clock.set(Date.UTC(2026, 0, 1));
  return { store: new AccountStore(clock), clock };
};
const standalone = (identifier: string, sdkappid = 1): Account => ({
  sdkappid,
  identifier,
  kind: 'standalone',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

t.test('hosted string accounts fold case; phone and email accounts are exact', async (t) => {
  const { store: s } = store();
  t.ok(s.register(1, 'Alice', 3, 'h').ok);
  t.notOk(s.register(1, 'aLICE', 3, 'h').ok);
  t.equal(s.get(1, 'ALICE')?.identifier, 'Alice');
  t.ok(s.register(1, 'Bob@Example.com', 2, 'h').ok);
  t.notOk(s.register(1, 'Bob@Example.com', 2, 'h').ok);
  t.equal(s.get(1, 'bob@example.com'), undefined, 'emails are exact');
  t.ok(s.register(1, 'bob@example.com', 2, 'h').ok, 'another email account');
  t.equal(s.count(1), 3);
});

t.test('a string account clashes with an imported account of any case, kept in step by import, put and delete', async (t) => {
  const { store: s } = store();
  s.import(1, 'Carol', {});
  t.notOk(s.register(1, 'carol', 3, 'h').ok, 'imported Carol blocks carol');
  t.equal(s.count(1), 1, 'and nothing was added');
  s.import(1, 'CAROL', {});
  t.ok(s.delete(1, 'Carol'));
  t.notOk(s.register(1, 'carol', 3, 'h').ok, 'CAROL still blocks carol');
  t.ok(s.delete(1, 'CAROL'));
  t.ok(s.register(1, 'carol', 3, 'h').ok, 'once both are gone, carol can be registered');

  s.put(standalone('Dave'));
  t.notOk(s.register(1, 'dave', 3, 'h').ok, 'put() indexes too');
  s.put({ ...standalone('Dave'), nick: 'replaced' });
  t.ok(s.delete(1, 'Dave'));
  t.ok(s.register(1, 'dave', 3, 'h').ok, 'replacing an account by put() does not count it twice');
  t.ok(s.register(2, 'dave', 3, 'h').ok, 'another app is not affected');

  s.import(1, 'Erin', {});
  s.clear(1);
  t.ok(s.register(1, 'erin', 3, 'h').ok, 'clear() forgets the index');
  s.import(3, 'Fay', {});
  s.replace([standalone('Gus', 3)], []);
  t.ok(s.register(3, 'fay', 3, 'h').ok, 'replace() drops the old index');
  t.notOk(s.register(3, 'gus', 3, 'h').ok, 'and indexes the new accounts');
});

t.test('import creates, then updates only the fields given', async (t) => {
  const { store: s, clock } = store();
  s.import(1, 'h1', { nick: 'n', faceUrl: 'f', type: 1 });
  t.equal(s.count(1), 1, 'created');
  clock.advance(1000);
  const again = s.import(1, 'h1', { nick: 'n2' });
  t.equal(s.count(1), 1, 'updated, not created');
  t.match(again.account, { nick: 'n2', faceUrl: 'f', type: 1, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:01.000Z' });
  t.equal(s.count(), 1);
});

t.test('delete remembers when; import forgets it', async (t) => {
  const { store: s, clock } = store();
  s.import(1, 'gone', {});
  clock.advance(5000);
  t.ok(s.delete(1, 'gone'));
  t.equal(s.deletedAt(1, 'gone'), Date.UTC(2026, 0, 1) / 1000 + 5);
  t.notOk(s.delete(1, 'gone'), 'nothing to delete twice');
  t.notOk(s.delete(9, 'gone'), 'nor in an app never used');
  s.import(1, 'gone', {});
  t.equal(s.deletedAt(1, 'gone'), undefined);
});

t.test('case folding is ASCII only: non-ASCII letters that lower-case to ASCII are other accounts', async (t) => {
  const { store: s } = store();
  t.ok(s.register(1, 'kelvin', 3, 'h').ok);
  t.equal(s.get(1, '\u212Aelvin'), undefined, 'the Kelvin sign is not K');
  t.notOk(s.delete(1, '\u212Aelvin'), 'nor can it delete kelvin');
  const before = s.count(1);
  s.import(1, '\u212Aate', {});
  t.equal(s.count(1), before + 1, 'an import of \u212Aate creates an account');
  t.ok(s.register(1, 'kate', 3, 'h').ok, 'an imported \u212Aate does not block registering kate');
  t.equal(s.get(1, 'KELVIN')?.identifier, 'kelvin', 'ASCII case still folds');
});

t.test('put forgets a remembered deletion of the same identifier, as register and import do', async (t) => {
  const { store: s } = store();
  s.import(1, 'Seeded', {});
  t.ok(s.delete(1, 'Seeded'));
  t.ok(s.deletedAt(1, 'Seeded') !== undefined, 'remembered');
  s.put(standalone('seeded'));
  t.ok(s.deletedAt(1, 'Seeded') !== undefined, 'another standalone account (exact identifiers) leaves it');
  s.put(standalone('Seeded'));
  t.equal(s.deletedAt(1, 'Seeded'), undefined, 'forgotten once the account is back');
  t.same(s.deletions(), []);
});

t.test('a string account, registered or put, forgets the deletions of its identifier in any ASCII case', async (t) => {
  const { store: s } = store();
  t.ok(s.register(1, 'Carol.B', 3, 'h').ok);
  t.ok(s.delete(1, 'carol.b'), 'deleted by another case');
  t.ok(s.deletedAt(1, 'Carol.B') !== undefined, 'remembered under the identifier it had');
  s.import(1, 'CAROL.B', {});
  t.ok(s.delete(1, 'CAROL.B'));
  s.import(1, 'Dan', {});
  t.ok(s.delete(1, 'Dan'));
  t.ok(s.register(1, 'carol.b', 3, 'h').ok);
  t.equal(s.deletedAt(1, 'Carol.B'), undefined, 'the hosted Carol.B');
  t.equal(s.deletedAt(1, 'CAROL.B'), undefined, 'and the standalone CAROL.B: both names now find carol.b');
  t.same(s.deletions().map((d) => d.identifier), ['Dan'], 'other deletions stay');
  t.equal(s.get(1, 'CAROL.B')?.identifier, 'carol.b');

  s.import(1, 'Eve.X', {});
  t.ok(s.delete(1, 'Eve.X'));
  s.put({ ...standalone('eve.x'), kind: 'hosted', identifierType: 3, passwordHash: 'h' });
  t.equal(s.deletedAt(1, 'Eve.X'), undefined, 'put of a string account too');

  t.ok(s.register(1, 'Fay@Example.com', 2, 'h').ok);
  t.ok(s.delete(1, 'Fay@Example.com'));
  t.ok(s.register(1, 'fay@example.com', 2, 'h').ok);
  t.ok(s.deletedAt(1, 'Fay@Example.com') !== undefined, 'an email account is exact: another email is another account');
  t.ok(s.register(1, 'Fay@Example.com', 2, 'h').ok);
  t.equal(s.deletedAt(1, 'Fay@Example.com'), undefined);
});

t.test('sameKey and clash answer for the stored app as seeding needs them', async (t) => {
  const { store: s } = store();
  const hosted = (identifier: string): Account => ({ ...standalone(identifier), kind: 'hosted', identifierType: 3, passwordHash: 'h' });
  t.equal(s.clash(standalone('Alice')), undefined, 'an app never used');
  t.equal(s.sameKey(standalone('Alice')), undefined);
  t.ok(s.register(1, 'alice', 3, 'h').ok);
  t.equal(s.clash(standalone('ALICE'))?.identifier, 'alice', 'a standalone ALICE beside the string account alice');
  t.equal(s.sameKey(standalone('ALICE')), undefined, 'under another key');
  t.equal(s.sameKey(hosted('ALICE'))?.identifier, 'alice', 'a string account in another case is the same key');
  t.equal(s.clash(hosted('ALICE')), undefined, 'and no clash');
  t.equal(s.sameKey(standalone('alice'))?.identifier, 'alice', 'the lower-case standalone account would replace it');
  s.import(1, 'Bob', {});
  t.equal(s.clash(hosted('bob'))?.identifier, 'Bob');
  t.equal(s.clash({ ...hosted('bob'), sdkappid: 2 }), undefined, 'apps apart');
});
