import type { FastifyInstance } from 'fastify';
import t, { type Test } from 'tap';
import { mockControls } from '../../src/in-process.js';
import { build, call, IMPORT, SDKAPPID } from '../helper.js';
import { json } from './json.js';

const OTHER_APP = 1400000002;
const DAY_MS = 86_400_000;

/** What reset() is responsible for, as a test can see it from outside. */
interface Observed {
  accounts: number;
  faults: number;
  journal: number;
  frozen: boolean;
  /** Whether account_import (1 call per second here) takes a call now: its bucket is full. */
  bucketFull: boolean;
}

/** The model: after a reset every part is at its start value. */
const RESET: Observed = { accounts: 0, faults: 0, journal: 0, frozen: false, bucketFull: true };

async function observe(t: Test, app: FastifyInstance): Promise<Observed> {
  const controls = mockControls(app);
  const seen = {
    accounts: controls.accounts().length,
    faults: controls.faults().length,
    journal: controls.requests().length,
    frozen: controls.clock.frozen,
  };
  // Last, since the probe itself is a call (an account and a journal entry).
  const probe = await call(t, app, IMPORT, { UserID: 'probe01' });
  return { ...seen, bucketFull: probe.ErrorCode === 0 };
}

/**
 * Every part reset() clears, made non-empty: accounts in two apps, a fault, journal entries,
 * an empty rate-limit bucket and a frozen clock. The clock is frozen a day ahead, so that when
 * the reset returns it to real time (earlier) the bucket refills nothing: only clearing it
 * makes it full again.
 */
async function dirty(t: Test, app: FastifyInstance): Promise<void> {
  const controls = mockControls(app);
  controls.clock.set(Date.now() + DAY_MS);
  t.match(await call(t, app, IMPORT, { UserID: 'alice01' }), { ErrorCode: 0 });
  t.match(await call(t, app, IMPORT, { UserID: 'bob0001' }, { query: { sdkappid: String(OTHER_APP) } }), { ErrorCode: 0 });
  t.match(await call(t, app, IMPORT, { UserID: 'carol01' }), { ErrorCode: 60007 }, 'the bucket of account_import is empty');
  controls.addFault({ errorCode: 70402 });
  const before = await observe(t, app);
  t.same(before, { accounts: 2, faults: 1, journal: 3, frozen: true, bucketFull: false }, 'every part differs from the model');
}

const resets: Record<string, (t: Test, app: FastifyInstance) => Promise<void>> = {
  'POST /__mock/reset': async (t, app) => {
    const res = await json(app, 'POST', '/__mock/reset');
    t.equal(res.status, 200);
    t.same(res.body, { reset: true });
  },
  'mockControls(app).reset()': async (_t, app) => mockControls(app).reset(),
};

for (const [name, reset] of Object.entries(resets)) {
  t.test(`${name} brings every part back to the model`, async (t) => {
    const { app } = build(t, { rateLimits: { account_import: 1 } });
    await dirty(t, app);
    await reset(t, app);
    t.same(await observe(t, app), RESET);
  });
}

t.test('POST /__mock/reset needs the mock token when one is set', async (t) => {
  const { app } = build(t, { mockToken: 'let-me-in' });
  t.match(await call(t, app, IMPORT, { UserID: 'alice01' }), { ErrorCode: 0 });
  t.equal((await json(app, 'POST', '/__mock/reset')).status, 401);
  t.equal(mockControls(app).accounts().length, 1, 'a refused reset changes nothing');
  t.equal((await json(app, 'POST', '/__mock/reset', { headers: { authorization: 'Bearer let-me-in' } })).status, 200);
  t.equal(mockControls(app).accounts().length, 0);
});

t.test('fixtures are reset too, as reset() documents', async (t) => {
  const { app } = build(t, { fixtures: 'fixtures/accounts.example.json' });
  await app.ready();
  t.ok(mockControls(app).accounts(SDKAPPID).length > 0, 'the fixtures are loaded');
  await json(app, 'POST', '/__mock/reset');
  t.same(mockControls(app).accounts(), []);
});
