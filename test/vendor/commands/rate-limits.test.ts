import { createRequire } from 'node:module';
import t, { type Test } from 'tap';
import type { FastifyInstance } from 'fastify';
import { optionsFromProcess } from '../../../src/config/settings.js';
import { commandPath } from '../../../src/tim/command.js';
import accountCheck from '../../../src/tim/v4/im_open_login_svc/account_check.js';
import accountDelete from '../../../src/tim/v4/im_open_login_svc/account_delete.js';
import multiaccountImport from '../../../src/tim/v4/im_open_login_svc/multiaccount_import.js';
import { build, call, IMPORT, REGISTER, type CallOptions } from '../../helper.js';

const { Api } = createRequire(import.meta.url)('tls-sig-api-v2') as {
  Api: new (sdkappid: number, key: string) => { genUserSig(userid: string, expire: number): string };
};

const CHECK = commandPath(accountCheck);
const DELETE = commandPath(accountDelete);
const MULTI = commandPath(multiaccountImport);

/** A cheap valid body per endpoint. */
const BODIES: Record<string, unknown> = {
  [CHECK]: { CheckItem: [{ UserID: 'r' }] },
  [DELETE]: { DeleteItem: [{ UserID: 'r' }] },
  [MULTI]: { Accounts: ['r'] },
  [IMPORT]: { UserID: 'r' },
  [REGISTER]: { Identifier: 'rate.limit', IdentifierType: 3, Password: 'password1' },
};

/** The ErrorCodes of `n` calls in a row. */
async function codes(t: Test, app: FastifyInstance, path: string, n: number, opts: CallOptions = {}): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await call(t, app, path, BODIES[path], opts)).ErrorCode);
  return out;
}

/** `ok` calls answered (whatever the command's own outcome), then 60007. */
const allowed = (ok: number): number[] => [...Array.from({ length: ok }, () => 0), 60007];
const notLimited = (codes: number[]): number[] => codes.map((c) => (c === 60007 ? c : 0));

t.test('the companions default to the vendor\'s 100 calls/s, each in its own bucket', async (t) => {
  const { app, clock } = build(t);
  for (const path of [CHECK, DELETE, MULTI]) {
    t.same(await codes(t, app, path, 101), allowed(100), `${path}: 100 pass, the 101st is 60007`);
  }
  t.same(await codes(t, app, IMPORT, 1), [0], 'account_import has its own bucket');
  t.same(notLimited(await codes(t, app, REGISTER, 1)), [0], 'register_account_v1 has its own bucket');
  t.same(await codes(t, app, CHECK, 1, { query: { sdkappid: '1400000002' } }), [0], 'another app has its own bucket');

  clock.advance(10);
  for (const path of [CHECK, DELETE, MULTI]) {
    t.same(await codes(t, app, path, 2), [0, 60007], `${path}: 10 ms refills one call`);
  }
});

t.test('TIM_RATE_LIMIT stays the default of the two seed endpoints only; 0 turns every limit off', async (t) => {
  const limited = build(t, { rateLimit: 3 }).app;
  t.same(await codes(t, limited, IMPORT, 4), allowed(3), 'account_import: 3');
  t.same(notLimited(await codes(t, limited, REGISTER, 4)), allowed(3), 'register_account_v1: 3');
  t.same(await codes(t, limited, CHECK, 101), allowed(100), 'account_check keeps its 100');

  const off = build(t, { rateLimit: 0 }).app;
  t.notOk((await codes(t, off, CHECK, 150)).includes(60007), 'TIM_RATE_LIMIT=0: no limit on account_check');
});

t.test('a limit the config file names for a command wins over TIM_RATE_LIMIT=0', async (t) => {
  const { app } = build(t, { rateLimit: 0, rateLimits: { account_check: 2 } });
  t.same(await codes(t, app, CHECK, 3), allowed(2), 'account_check: the named 2');
  t.notOk((await codes(t, app, DELETE, 150)).includes(60007), 'account_delete: off, as TIM_RATE_LIMIT=0 says');
  t.notOk((await codes(t, app, IMPORT, 1500)).includes(60007), 'account_import: off');
});

t.test('the config file overrides each endpoint, globally and per app (the app wins)', async (t) => {
  const [A, B] = [1400000010, 1400000011];
  const dir = t.testdir({
    'tim.json': JSON.stringify({
      rateLimits: { account_check: 5, account_import: 2 },
      apps: [
        { sdkappid: A, secretKey: 'key-a', rateLimits: { account_check: 2, account_delete: 1 } },
        { sdkappid: B, secretKey: 'key-b' },
      ],
    }),
  });
  const options = optionsFromProcess(['--config', `${dir}/tim.json`], {});
  const { app } = build(t, { ...options, logger: false });
  const as = (sdkappid: number, key: string): CallOptions => ({
    query: { sdkappid: String(sdkappid), usersig: new Api(sdkappid, key).genUserSig('administrator', 86400) },
  });
  const [a, b] = [as(A, 'key-a'), as(B, 'key-b')];

  t.same(await codes(t, app, CHECK, 3, a), allowed(2), 'A: account_check 2 (its own)');
  t.same(await codes(t, app, DELETE, 2, a), allowed(1), 'A: account_delete 1 (its own)');
  t.same(await codes(t, app, IMPORT, 3, a), allowed(2), 'A: account_import 2 (global)');
  t.same(await codes(t, app, MULTI, 101, a), allowed(100), 'A: multiaccount_import 100 (default)');
  t.same(await codes(t, app, CHECK, 6, b), allowed(5), 'B: account_check 5 (global)');
  t.same(await codes(t, app, DELETE, 101, b), allowed(100), 'B: account_delete 100 (default)');
});
