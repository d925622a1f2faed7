import t from 'tap';
import { FaultRegistry, type FaultTarget } from '../../src/services/faults/registry.js';
import { parseFaultSpec, type FaultSpec } from '../../src/services/faults/spec.js';
import { IMPORT, REGISTER, SDKAPPID } from '../helper.js';

const served = new Set([REGISTER, IMPORT]);
const arm = (registry: FaultRegistry, spec: FaultSpec) => registry.arm(parseFaultSpec(spec, served)).id;
const target = (over: Partial<FaultTarget> = {}): FaultTarget => ({ stage: 'before', path: REGISTER, sdkappid: SDKAPPID, accounts: ['alice'], ...over });

t.test('nothing armed: not live, nothing taken', async (t) => {
  const registry = new FaultRegistry();
  t.equal(registry.live, false);
  t.equal(registry.take(target()), undefined);
});

t.test('a fault fires `times` times, then stays listed but inert', async (t) => {
  const registry = new FaultRegistry();
  const id = arm(registry, { errorCode: 70405, times: 2 });
  t.equal(registry.live, true);
  t.equal(registry.take(target())?.id, id);
  t.equal(registry.take(target())?.id, id);
  t.equal(registry.take(target()), undefined, 'the third call is not faulted');
  t.equal(registry.live, false, 'a spent fault makes the registry idle again');
  t.match(registry.list(), [{ id, fired: 2, remaining: 0 }]);
});

t.test('times 0 fires until removed', async (t) => {
  const registry = new FaultRegistry();
  const id = arm(registry, { errorCode: 70405, times: 0 });
  for (let i = 0; i < 50; i++) t.equal(registry.take(target())?.id, id);
  t.match(registry.list().find((f) => f.id === id), { fired: 50, remaining: null });
  t.equal(registry.remove(id), true);
  t.equal(registry.take(target()), undefined);
  t.equal(registry.live, false);
  t.equal(registry.remove(id), false, 'an unknown id');
});

t.test('matching by path, sdkappid, identifier and stage', async (t) => {
  const registry = new FaultRegistry();
  const id = arm(registry, { errorCode: 70405, path: IMPORT, sdkappid: 1400000002, identifier: 'bob', stage: 'after', times: 0 });
  const hit = target({ path: IMPORT, sdkappid: 1400000002, accounts: ['bob'], stage: 'after' });
  t.equal(registry.take({ ...hit, path: REGISTER }), undefined, 'another path');
  t.equal(registry.take({ ...hit, sdkappid: SDKAPPID }), undefined, 'another app');
  t.equal(registry.take({ ...hit, accounts: ['Bob'] }), undefined, 'identifiers match as sent (exactly)');
  t.equal(registry.take({ ...hit, accounts: [] }), undefined, 'a call without an account');
  t.equal(registry.take({ ...hit, stage: 'before' }), undefined, 'another stage');
  t.equal(registry.list().find((f) => f.id === id)?.fired, 0, 'misses are not counted');
  t.equal(registry.take(hit)?.id, id);
});

t.test('the oldest matching fault answers; one fault per call', async (t) => {
  const registry = new FaultRegistry();
  const first = arm(registry, { errorCode: 70405, identifier: 'alice' });
  const second = arm(registry, { httpStatus: 502 });
  t.equal(registry.take(target())?.id, first);
  t.equal(registry.take(target())?.id, second, 'once the first is spent the next one answers');
  t.not(first, second);
});

t.test('ids are never reused, even after clear()', async (t) => {
  const registry = new FaultRegistry();
  const before = arm(registry, { drop: true });
  registry.clear();
  t.equal(registry.live, false);
  t.same(registry.list(), []);
  t.not(arm(registry, { drop: true }), before);
});

const sequence = (seed: number, calls: number): boolean[] => {
  const registry = new FaultRegistry();
  arm(registry, { errorCode: 70405, times: 0, probability: 0.5, seed });
  return Array.from({ length: calls }, () => registry.take(target()) !== undefined);
};

t.test('seeded probability: same seed, same sequence; another seed, another', async (t) => {
  const a = sequence(42, 200);
  t.same(sequence(42, 200), a);
  t.notSame(sequence(43, 200), a);
  const fired = a.filter(Boolean).length;
  t.ok(fired > 60 && fired < 140, `about half of 200 calls fire (${fired})`);
});

t.test('probability bounds and a listed random seed', async (t) => {
  const registry = new FaultRegistry();
  const never = arm(registry, { errorCode: 70405, times: 0, probability: 0 });
  for (let i = 0; i < 100; i++) t.equal(registry.take(target()), undefined);
  t.equal(registry.list().find((f) => f.id === never)?.fired, 0);
  const seed = registry.list().find((f) => f.id === never)?.seed;
  t.type(seed, 'number', 'a probability without a seed gets a random one, listed for replay');
  const always = arm(registry, { errorCode: 70405, times: 0, probability: 1, seed: 1 });
  for (let i = 0; i < 100; i++) t.equal(registry.take(target())?.id, always);
});

t.test('a delay is cut short when the registry closes', async (t) => {
  const registry = new FaultRegistry();
  const started = performance.now();
  const waiting = registry.delay(30_000);
  registry.close();
  await waiting;
  t.ok(performance.now() - started < 5_000, 'close() ends a pending delay');
  await registry.delay(30_000);
  t.ok(performance.now() - started < 5_000, 'and later ones do not wait at all');
});
