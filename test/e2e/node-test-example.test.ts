import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import t from 'tap';
import { userEnv } from '../ship/pack.js';

// The README's node:test example, run the way its readers run it: `node --import tsx --test`, in their
// shell's environment. tap records coverage in every child it can reach; tsx's one-line output would
// count every source file it loads as covered (test/ts/register.mjs), so recording is off here.
t.test('the node:test example passes under node --test', async (t) => {
  const file = fileURLToPath(new URL('./node-test-example.ts', import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=tap', file], {
    timeout: 60_000,
    env: { ...userEnv, _TAPJS_PROCESSINFO_COVERAGE_: '0' },
  }).catch((error: { stdout?: string; stderr?: string; message: string }) => {
    t.fail(`node --test failed: ${error.message}\n${error.stdout ?? ''}\n${error.stderr ?? ''}`);
    return { stdout: '' };
  });
  t.match(stdout, /^# pass 2$/m, 'both tests pass');
  t.match(stdout, /^# fail 0$/m);
});
