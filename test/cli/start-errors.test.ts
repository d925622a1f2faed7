import { once } from 'node:events';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import t from 'tap';
import { CLI, spawnNode } from '../ship/child.js';

const runCli = (args: string[], env: NodeJS.ProcessEnv = {}) => spawnNode([CLI, ...args], { LOG_LEVEL: 'info', ...env });

t.test('a port in use: one line naming it, a hint to --help, exit 2, no stack', async (t) => {
  const holder = createServer().listen(0, '127.0.0.1');
  await once(holder, 'listening');
  t.teardown(() => holder.close());
  const { port } = holder.address() as AddressInfo;
  const c = runCli(['--port', String(port)]);
  t.equal((await c.exited).code, 2);
  t.equal(c.stderr(), `tim-account-mock: port ${port} is already in use\nRun 'tim-account-mock --help' to see the settings.\n`);
  t.notMatch(c.stdout(), /listening on/);
});

t.test('a HOST that does not resolve: one line, exit 2', async (t) => {
  // .invalid never resolves (RFC 2606), without asking any server but the local resolver.
  const c = runCli([], { HOST: 'no-such-host.invalid', PORT: '0' });
  t.equal((await c.exited).code, 2);
  t.equal(c.stderr(), "tim-account-mock: HOST no-such-host.invalid does not resolve to an address\nRun 'tim-account-mock --help' to see the settings.\n");
});

t.test('a bad setting: its one line and the hint, not the whole usage', async (t) => {
  const c = runCli(['--log-format', 'yaml']);
  t.equal((await c.exited).code, 2);
  t.equal(c.stderr(), "tim-account-mock: --log-format must be pretty or json; got 4 characters of letters and digits\nRun 'tim-account-mock --help' to see the settings.\n");
  const unknown = runCli(['--prot', '9000']);
  t.equal((await unknown.exited).code, 2);
  t.equal(unknown.stderr().split('\n').length, 3, 'two lines');
  t.notMatch(unknown.stderr(), /Usage:/);
});

t.test('a stubs folder holding a file that is not JSON: one line naming the file, exit 2', async (t) => {
  // The rules themselves (layout, paths the vendor does not have, bad replies) are tested in process
  // in test/control/stubs.test.ts; this is what the CLI makes of them.
  const dir = t.testdir({ 'console.tim.qq.com': { v4: { openim: { 'sendmsg.json': '{not json' } } } });
  const c = runCli(['--stubs-dir', dir, '--port', '0']);
  t.equal((await c.exited).code, 2);
  const [line, ...rest] = c.stderr().split('\n');
  t.match(line, /^tim-account-mock: stub file .*console\.tim\.qq\.com\/v4\/openim\/sendmsg\.json.*JSON/);
  t.same(rest, [''], 'one line, no stack');
  t.notMatch(c.stdout(), /listening on/);
});
