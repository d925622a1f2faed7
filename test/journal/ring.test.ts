import t from 'tap';
import { RingBuffer } from '../../src/services/journal/ring.js';

t.test('keeps the newest `capacity` items, oldest first', async (t) => {
  const ring = new RingBuffer<number>(3);
  t.same([...ring], []);
  ring.push(1);
  ring.push(2);
  t.same([...ring], [1, 2]);
  for (let i = 3; i <= 10; i++) ring.push(i);
  t.same([...ring], [8, 9, 10]);
  t.equal(ring.size, 3);
  ring.clear();
  t.same([...ring], []);
  ring.push(11);
  t.same([...ring], [11]);
});

t.test('capacity 0 keeps nothing', async (t) => {
  const ring = new RingBuffer<number>(0);
  ring.push(1);
  t.equal(ring.size, 0);
  t.same([...ring], []);
});

t.test('capacity 1', async (t) => {
  const ring = new RingBuffer<string>(1);
  ring.push('a');
  ring.push('b');
  t.same([...ring], ['b']);
});
