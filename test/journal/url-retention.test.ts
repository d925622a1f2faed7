import t from 'tap';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

t.test('the journal keeps no slice of a request URL: after the calls, no usersig is anywhere in the heap', async (t) => {
  const script = fileURLToPath(new URL('url-retention.ts', import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, [script], { cwd: fileURLToPath(new URL('../..', import.meta.url)) });
  // 85 calls: 80 with a usersig each, and the 5 the check ends with.
  t.same(JSON.parse(stdout), { journalled: 85, held: 0 });
});
