import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import t from 'tap';
import { ROOT, startCli } from '../ship/child.js';

const run = promisify(execFile);
const doc = await readFile(join(ROOT, 'docs/install.md'), 'utf8');
const curlBlock = /<!-- curl: declared -->\n```sh\n([\s\S]*?)```\n/.exec(doc)?.[1];
const hasCurl = await run('curl', ['--version']).then(
  () => true,
  () => false,
);

t.test("install.md's declared-mode curl example works as written against a declared emulator", { skip: !hasCurl && 'curl is not installed (apt-get install curl)' }, async (t) => {
  t.ok(curlBlock, 'the doc has the example');
  // The container recipe's settings, on a free port instead of 8080.
  const child = await startCli([], { TIM_SDKAPPID: '1400000001', TIM_SECRET_KEY: 'test-secret' });
  t.teardown(() => child.process.kill('SIGKILL'));
  const script = (curlBlock ?? '').replaceAll('http://127.0.0.1:8080', child.url);
  const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', script], { timeout: 30_000 });
  t.equal(stdout.trim(), '{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}', 'the call is answered as the doc says');
  t.match((await (await fetch(`${child.url}/__mock/accounts`)).json()) as object, { accounts: [{ identifier: 'alice01', nick: 'Alice' }] });
});
