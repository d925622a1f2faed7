import t from 'tap';
import { FoldMap } from '../../src/model/accounts/fold-map.js';

t.test('one value, then several, under one folded form; delete and take keep it consistent', async (t) => {
  const m = new FoldMap<string>();
  t.equal(m.first('alice'), undefined);
  m.add('alice', 'Alice');
  m.add('alice', 'Alice');
  t.equal(m.first('alice'), 'Alice', 'adding a value twice keeps one');
  m.add('alice', 'ALICE');
  t.same(m.take('alice').sort(), ['ALICE', 'Alice']);
  t.same(m.take('alice'), [], 'take empties the form');

  m.add('bob', 'Bob');
  m.add('bob', 'BOB');
  m.delete('bob', 'Bob');
  t.equal(m.first('bob'), 'BOB', 'back to a single value');
  m.delete('bob', 'BOB');
  t.equal(m.first('bob'), undefined);
  m.delete('bob', 'nothing here');
  t.same(m.take('bob'), []);
});
