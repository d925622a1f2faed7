import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import t from 'tap';
import { probeEnv } from '../run-ts.js';
import { userEnv } from '../ship/pack.js';

// The README's node:test example, run the way its readers run it: `node --import tsx --test`, in their
// shell's environment, on tsx, so with tap's coverage recording off (see test/run-ts.ts).
t.test('the node:test example passes under node --test', async (t) => {
  const file = fileURLToPath(new URL('./node-test-example.ts', import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=tap', file], {
    timeout: 60_000,
    env: probeEnv(userEnv),
  }).catch((error: { stdout?: string; stderr?: string; message: string }) => {
    t.fail(`node --test failed: ${error.message}\n${error.stdout ?? ''}\n${error.stderr ?? ''}`);
    return { stdout: '' };
  });
  t.match(stdout, /^# pass 2$/m, 'both tests pass');
  t.match(stdout, /^# fail 0$/m);
});
