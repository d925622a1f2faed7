import t from 'tap';
import { ControllableClock } from '../../src/model/clock.js';
import { RateLimiter } from '../../src/services/rate-limit.js';
import { build, call, envelope, IMPORT, REGISTER, type Reply } from '../helper.js';
import type { FastifyInstance } from 'fastify';
import type { Test } from 'tap';

const N = 5;
let n = 0;
const importOne = (t: Test, app: FastifyInstance, sdkappid = '1400000001'): Promise<Reply> =>
  call(t, app, IMPORT, { Identifier: `rl${n++}` }, { query: { sdkappid } });
const registerOne = (t: Test, app: FastifyInstance): Promise<Reply> =>
  call(t, app, REGISTER, { Identifier: `rl${n++}`, IdentifierType: 3, Password: 'password1' });

/** How many of `tries` calls pass before one is limited. */
async function passing(t: Test, app: FastifyInstance, tries: number, make = importOne): Promise<number> {
  let passed = 0;
  for (let i = 0; i < tries; i++) {
    const reply = await make(t, app);
    if (reply.ErrorCode === 0) passed++;
    else t.equal(reply.ErrorCode, 60007, 'a limited call is 60007');
  }
  return passed;
}

t.test('with rateLimit N, N calls pass and call N+1 is 60007', async (t) => {
  const { app } = build(t, { rateLimit: N });
  for (let i = 0; i < N; i++) t.match(await importOne(t, app), { ErrorCode: 0 }, `call ${i + 1}`);
  t.match(await importOne(t, app), { ActionStatus: 'FAIL', ErrorCode: 60007 }, `call ${N + 1}`);
  t.match(await importOne(t, app), { ErrorCode: 60007 }, 'and the next, at the same instant');
});

t.test('the bucket refills N tokens per second, never holding more than N', async (t) => {
  const { app, clock } = build(t, { rateLimit: N });
  t.equal(await passing(t, app, N + 1), N);
  clock.advance(1000 / N - 1);
  t.equal(await passing(t, app, 1), 0, 'just under 1/N s: still empty');
  clock.advance(1);
  t.equal(await passing(t, app, 2), 1, 'after 1/N s, one more call passes');
  clock.advance(1000);
  t.equal(await passing(t, app, N + 1), N, 'after 1 s, full again');
  clock.advance(3_600_000);
  t.equal(await passing(t, app, N + 3), N, 'after an hour, still only N');
});

t.test('apps and endpoints never share a bucket', async (t) => {
  const { app } = build(t, { rateLimit: N });
  t.equal(await passing(t, app, N + 1), N, 'app 1, account_import');
  t.equal(await passing(t, app, N + 1, (t, a) => importOne(t, a, '1400000002')), N, 'app 2, account_import: its own bucket');
  t.equal(await passing(t, app, N + 1, registerOne), N, 'app 1, register_account_v1: its own bucket');
});

t.test('a limited call changes nothing', async (t) => {
  const { app } = build(t, { rateLimit: 1 });
  t.match(await importOne(t, app), { ErrorCode: 0 });
  t.match(await call(t, app, IMPORT, { Identifier: 'limited' }), { ErrorCode: 60007 });
  t.notOk(app.mock.store.get(1400000001, 'limited'));
});

t.test('a call refused after the rate-limit check (body, admin, fields, state) still uses a token', async (t) => {
  const { app } = build(t, { rateLimit: 5 });
  t.match(await call(t, app, REGISTER, { Identifier: 'spent1', IdentifierType: 3, Password: 'password1' }), { ErrorCode: 0 }, 'token 1');
  t.match(await call(t, app, REGISTER, undefined, { raw: '{not json' }), { ErrorCode: 60003 }, 'token 2: bad JSON');
  t.match(await call(t, app, REGISTER, { Identifier: 'spent2' }), { ErrorCode: 70418 }, 'token 3: missing fields');
  t.match(await call(t, app, REGISTER, { Identifier: 'spent2', IdentifierType: 3, Password: 'password1' }, { query: { identifier: 'intruder' } }), { ErrorCode: 70425 }, 'token 4: not the admin');
  t.match(await call(t, app, REGISTER, { Identifier: 'SPENT1', IdentifierType: 3, Password: 'password1' }), { ErrorCode: 70402 }, 'token 5: exists');
  t.match(await call(t, app, REGISTER, { Identifier: 'spent3', IdentifierType: 3, Password: 'password1' }), { ErrorCode: 60007 }, 'no token left for a valid call');
  t.notOk(app.mock.store.get(1400000001, 'spent3'));
});

t.test('rateLimit 0 turns limiting off', async (t) => {
  const { app } = build(t, { rateLimit: 0 });
  t.equal(app.mock.apps.get(1400000001)?.rateLimit('account_import', undefined), 0);
  t.equal(app.mock.apps.get(1400000001)?.rateLimit('register_account_v1', undefined), 0);
  t.equal(await passing(t, app, 50), 50);
  t.equal(await passing(t, app, 50, registerOne), 50);
});

t.test('the default is 1000 calls per second, as the seed pages say: call 1001 at one instant is 60007', async (t) => {
  const { app } = build(t);
  t.equal(app.mock.options.rateLimit, 1000);
  const bodies: [string, (i: number) => object][] = [
    [REGISTER, (i) => ({ Identifier: `dflt${i}`, IdentifierType: 3, Password: 'password1' })],
    [IMPORT, (i) => ({ Identifier: `dflt${i}` })],
  ];
  for (const [path, body] of bodies) {
    const codes: number[] = [];
    // The clock is frozen, so no token comes back between calls; bare injects keep 2000 calls quick.
    for (let i = 0; i < 1001; i++) {
      const res = await app.inject({ method: 'POST', url: path, query: envelope(), payload: body(i) });
      codes.push(res.json().ErrorCode as number);
    }
    t.same([...new Set(codes.slice(0, 1000))], [0], `${path}: calls 1 to 1000 pass`);
    t.equal(codes[1000], 60007, `${path}: call 1001 is 60007`);
  }
  t.equal(app.mock.store.count(1400000001), 1000, 'register made 1000 accounts, import updated them');
});

t.test('RateLimiter: one bucket per app and command; a clock moved back takes nothing away', async (t) => {
  const clock = new ControllableClock();
  clock.set(10_000);
  const limiter = new RateLimiter(clock);
  t.ok(limiter.take(1, 'a', 2));
  t.ok(limiter.take(1, 'a', 2));
  t.notOk(limiter.take(1, 'a', 2));
  t.ok(limiter.take(1, 'b', 2), 'another command');
  t.ok(limiter.take(2, 'a', 2), 'another app');
  clock.set(5_000);
  t.notOk(limiter.take(1, 'a', 2), 'going back in time refills nothing');
  clock.set(5_500);
  t.ok(limiter.take(1, 'a', 2), 'and time counts on from there');
  limiter.clear();
  clock.set(5_500);
  t.ok(limiter.take(1, 'a', 2), 'clear() starts every bucket full');
  t.ok(limiter.take(1, 'a', 2));
  t.ok(limiter.take(1, 'a', 0), 'limit 0 is unlimited');
});
