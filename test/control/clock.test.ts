import { createRequire } from 'node:module';
import t from 'tap';
import { decodeUserSig } from '../../src/tim/usersig.js';
import { ADMIN, build, call, IMPORT, REGISTER, SDKAPPID } from '../helper.js';
import { json } from './json.js';

const { Api } = createRequire(import.meta.url)('tls-sig-api-v2') as {
  Api: new (sdkappid: number, key: string) => { genUserSig(userid: string, expire: number): string };
};

const JAN_1_2026 = Date.UTC(2026, 0, 1) / 1000;

t.test('GET reads the clock: unix seconds, milliseconds, ISO time, frozen or not', async (t) => {
  const { app } = build(t);
  const res = await json(app, 'GET', '/__mock/clock');
  t.equal(res.status, 200);
  t.same(res.body, { now: JAN_1_2026, nowMs: JAN_1_2026 * 1000, iso: '2026-01-01T00:00:00.000Z', frozen: true });
});

t.test('POST advanceSeconds moves it forward, POST now sets it; both leave it frozen there', async (t) => {
  const { app, clock } = build(t);
  t.same((await json(app, 'POST', '/__mock/clock', { body: { advanceSeconds: 90 } })).body, {
    now: JAN_1_2026 + 90,
    nowMs: (JAN_1_2026 + 90) * 1000,
    iso: '2026-01-01T00:01:30.000Z',
    frozen: true,
  });
  t.match((await json(app, 'POST', '/__mock/clock', { body: { advanceSeconds: 0.25 } })).body, { now: JAN_1_2026 + 90, nowMs: (JAN_1_2026 + 90) * 1000 + 250 });
  t.match((await json(app, 'POST', '/__mock/clock', { body: { now: 1000 } })).body, { now: 1000, iso: '1970-01-01T00:16:40.000Z', frozen: true }, 'backwards too');
  t.equal(clock.now(), 1_000_000, 'it is the clock the emulator reads');
  t.match((await json(app, 'POST', '/__mock/clock', { body: { advanceSeconds: 0 } })).body, { now: 1000 });
});

t.test('DELETE returns to real time', async (t) => {
  const { app } = build(t);
  const before = Date.now();
  const res = await json(app, 'DELETE', '/__mock/clock');
  const after = Date.now();
  t.equal(res.status, 200);
  t.equal(res.body.frozen, false);
  t.ok(res.body.nowMs >= before && res.body.nowMs <= after, 'the reading lies between two real readings taken around the call');
  const read = (await json(app, 'GET', '/__mock/clock')).body;
  t.equal(read.frozen, false);
  t.ok(read.nowMs >= res.body.nowMs && read.nowMs <= Date.now(), 'and it keeps following real time');
});

t.test('POST takes exactly one of advanceSeconds and now, each a number in range', async (t) => {
  const { app } = build(t);
  const bad: [string, unknown, RegExp][] = [
    ['neither', {}, /exactly one of advanceSeconds and now/],
    ['both', { advanceSeconds: 1, now: 5 }, /exactly one of advanceSeconds and now/],
    ['a negative advance', { advanceSeconds: -1 }, /advanceSeconds/],
    ['a string', { advanceSeconds: '10' }, /advanceSeconds/],
    ['a negative time', { now: -5 }, /now/],
    ['past year 9999', { now: 253402300800 }, /now/],
    ['an advance past year 9999', { advanceSeconds: 253402300799 }, /past 253402300799/],
    ['an unknown field', { advance: 5 }, /advance/],
    ['not an object', [1], /body/],
  ];
  for (const [name, body, message] of bad) {
    const res = await json(app, 'POST', '/__mock/clock', { body });
    t.equal(res.status, 400, name);
    t.match(res.body, { statusCode: 400, error: 'Bad Request', message }, name);
  }
  t.match((await json(app, 'GET', '/__mock/clock')).body, { now: JAN_1_2026 }, 'a refused move moves nothing');
});

t.test('UserSig expiry reads the clock: a sig expires once the clock is advanced past it', async (t) => {
  const key = 'clock-test-key';
  const { app } = build(t, { apps: [{ sdkappid: SDKAPPID, admin: ADMIN, secretKey: key }] });
  const usersig = new Api(SDKAPPID, key).genUserSig(ADMIN, 60);
  const { time } = decodeUserSig(usersig);
  await json(app, 'POST', '/__mock/clock', { body: { now: time } });
  const register = (n: number) => call(t, app, REGISTER, { Identifier: `user${n}`, IdentifierType: 3, Password: 'password1' }, { query: { usersig } });

  t.equal((await register(1)).ErrorCode, 0, 'valid when issued');
  await json(app, 'POST', '/__mock/clock', { body: { advanceSeconds: 60 } });
  t.equal((await register(2)).ErrorCode, 0, 'still valid at its last second (the vendor: expired when now > time + expire)');
  await json(app, 'POST', '/__mock/clock', { body: { advanceSeconds: 1 } });
  t.equal((await register(3)).ErrorCode, 70001, 'expired one second later');
  await json(app, 'POST', '/__mock/clock', { body: { now: time } });
  t.equal((await register(4)).ErrorCode, 0, 'valid again when the clock is set back');
});

t.test('the rate limiter reads the clock: a limited app recovers when the clock is advanced', async (t) => {
  const { app } = build(t, { rateLimit: 2 });
  const codes = async () => [(await call(t, app, IMPORT, { Identifier: 'a' })).ErrorCode, (await call(t, app, IMPORT, { Identifier: 'b' })).ErrorCode];
  t.same(await codes(), [0, 0]);
  t.equal((await call(t, app, IMPORT, { Identifier: 'c' })).ErrorCode, 60007, 'over the limit');
  await json(app, 'POST', '/__mock/clock', { body: { advanceSeconds: 0.5 } });
  t.same(await codes(), [0, 60007], 'half a second refills one token');
  await json(app, 'POST', '/__mock/clock', { body: { advanceSeconds: 1 } });
  t.same(await codes(), [0, 0], 'a second refills the bucket');
});

t.test('timestamps read the clock: createdAt and updatedAt follow it', async (t) => {
  const { app } = build(t);
  await json(app, 'POST', '/__mock/clock', { body: { now: 1700000000 } });
  await call(t, app, IMPORT, { Identifier: 'bob' });
  await json(app, 'POST', '/__mock/clock', { body: { advanceSeconds: 3600 } });
  await call(t, app, IMPORT, { Identifier: 'bob', Nick: 'Bob' });
  t.match((await json(app, 'GET', `/__mock/accounts/${SDKAPPID}/bob`)).body, {
    createdAt: '2023-11-14T22:13:20.000Z',
    updatedAt: '2023-11-14T23:13:20.000Z',
  });
  await json(app, 'POST', '/__mock/accounts', { body: { accounts: [{ sdkappid: SDKAPPID, kind: 'standalone', identifier: 'seeded' }] } });
  t.match((await json(app, 'GET', `/__mock/accounts/${SDKAPPID}/seeded`)).body, { createdAt: '2023-11-14T23:13:20.000Z' }, 'seeded accounts too');
});
