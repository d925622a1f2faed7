import t from 'tap';
import { usersigCommand } from '../../src/cli/usersig.js';
import { startMockServer } from '../../src/in-process.js';
import { decodeUserSig } from '../../src/tim/usersig.js';
import { CLI, spawnNode, VENDOR_QUERY } from '../ship/child.js';
import { userSig } from '../vendor/sig.js';

const AT = Date.UTC(2026, 0, 1) / 1000;

t.test("usersig prints the official library's sig: flags, then the environment, then the defaults", async (t) => {
  t.equal(usersigCommand(['--sdkappid', '1400000001', '--secret-key', 'k'], {}, AT), `${userSig(1400000001, 'k', 'administrator', 86400, AT)}\n`);
  t.equal(
    usersigCommand(['--identifier', 'bob', '--expire', '60'], { TIM_SDKAPPID: '1400000002', TIM_SECRET_KEY: 'env-key' }, AT),
    `${userSig(1400000002, 'env-key', 'bob', 60, AT)}\n`,
  );
  t.equal(usersigCommand([], { TIM_SDKAPPID: '7', TIM_SECRET_KEY: 'k', TIM_ADMIN: 'ops' }, AT), `${userSig(7, 'k', 'ops', 86400, AT)}\n`, 'TIM_ADMIN is the default identifier');
  t.equal(usersigCommand(['--sdkappid', '8', '--secret-key', 'k'], { TIM_SDKAPPID: '7' }, AT), `${userSig(8, 'k', 'administrator', 86400, AT)}\n`, 'a flag wins');
  t.match(usersigCommand(['--help'], {}, AT), /^Usage: tim-account-mock usersig/);
});

t.test('usersig refuses what it cannot sign with, naming it', async (t) => {
  const cases: Array<[string[], RegExp]> = [
    [[], /needs --sdkappid and --secret-key/],
    [['--sdkappid', '1'], /needs --sdkappid and --secret-key/],
    [['--sdkappid', '0', '--secret-key', 'k'], /--sdkappid must be a whole number from 1 to 4294967295/],
    [['--sdkappid', '1', '--secret-key', 'k', '--expire', '0'], /--expire must be a whole number from 1 to 2147483647/],
    [['--sdkappid', '1', '--secret-key', 'k', '--expire', '2147483648'], /--expire/],
    [['--port', '1'], /Unknown option '--port'/],
  ];
  for (const [args, message] of cases) t.throws(() => usersigCommand(args, {}, AT), { name: 'ConfigError', message }, args.join(' '));
  t.equal(usersigCommand(['--sdkappid', '1', '--secret-key', 'k', '--expire', '2147483647'], {}, AT).length > 0, true, 'the largest expire');
});

t.test('the subcommand, run as a user runs it, prints a sig a declared emulator accepts', async (t) => {
  const c = spawnNode([CLI, 'usersig', '--sdkappid', '1400000001', '--secret-key', 'test-secret']);
  t.equal((await c.exited).code, 0);
  const sig = c.stdout().trim();
  const { time } = decodeUserSig(sig);
  t.equal(sig, userSig(1400000001, 'test-secret', 'administrator', 86400, time), 'the official library makes the same sig for that second');
  const mock = await startMockServer({ apps: [{ sdkappid: 1400000001, admin: 'administrator', secretKey: 'test-secret' }] });
  t.teardown(() => mock.close());
  const query = VENDOR_QUERY.replace('usersig=any-sig', `usersig=${sig}`);
  const res = await fetch(`${mock.url}/v4/im_open_login_svc/account_import?${query}`, { method: 'POST', body: '{"UserID":"alice01"}' });
  t.match(await res.json(), { ErrorCode: 0 });

  const bad = spawnNode([CLI, 'usersig', '--sdkappid', '1400000001']);
  t.equal((await bad.exited).code, 2);
  t.equal(
    bad.stderr(),
    "tim-account-mock: usersig needs --sdkappid and --secret-key (or TIM_SDKAPPID and TIM_SECRET_KEY)\nRun 'tim-account-mock usersig --help' to see the settings.\n",
  );
});
