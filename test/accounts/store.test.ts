import t from 'tap';
import { ControllableClock } from '../../src/clock.js';
import { AccountStore } from '../../src/accounts/store.js';
import type { Account } from '../../src/accounts/account.js';

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
  const first = s.import(1, 'h1', { nick: 'n', faceUrl: 'f', type: 1 });
  t.equal(first.created, true);
  clock.advance(1000);
  const again = s.import(1, 'h1', { nick: 'n2' });
  t.equal(again.created, false);
  t.match(again.account, { nick: 'n2', faceUrl: 'f', type: 1, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:01.000Z' });
  t.equal(s.count(), 1);
});

t.test('delete remembers when; register and import forget it', async (t) => {
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
  t.ok(s.import(1, '\u212Aate', {}).created);
  t.ok(s.register(1, 'kate', 3, 'h').ok, 'an imported \u212Aate does not block registering kate');
  t.equal(s.get(1, 'KELVIN')?.identifier, 'kelvin', 'ASCII case still folds');
});
