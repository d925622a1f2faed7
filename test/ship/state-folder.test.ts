import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { CLI, ROOT, until } from './child.js';

/**
 * The container case: a state file saved by one user, the emulator started as another. As root
 * the test starts the CLI as UID 12345 in group 0 (what `docker run --user 12345` and OpenShift
 * do); as anyone else it takes the write permission away from the folder instead.
 */
const asRoot = process.getuid?.() === 0;

/**
 * As root, the other UID must be able to read this checkout (its modules above all): a checkout
 * below a private folder (mktemp's 0700, a home folder) cannot be tested that way.
 */
const unreadable =
  asRoot &&
  spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(join(ROOT, 'node_modules', 'tsx', 'package.json'))})`], {
    uid: 12345,
    gid: 0,
  }).status !== 0 &&
  'UID 12345 cannot read this checkout (a parent folder is private): put it where other users can read it, e.g. chmod o+x on its parent folders';

async function stateFolder(t: Test, mode: number): Promise<{ folder: string; file: string }> {
  const folder = await mkdtemp(join(tmpdir(), 'tim-folder-'));
  t.teardown(() => rm(folder, { recursive: true, force: true }));
  const file = join(folder, 'state.json');
  await writeFile(file, JSON.stringify({ format: 'tim-account-mock/state', version: 1, apps: [] }));
  await chmod(file, 0o644);
  await chmod(folder, mode);
  return { folder, file };
}

function startCli(file: string) {
  // Through env -u: without tap's process-info hooks (NODE_OPTIONS, which tap adds to every
  // spawn), which write into this checkout, where the other UID may not.
  const child = spawn('env', ['-u', 'NODE_OPTIONS', process.execPath, '--import', 'tsx', CLI], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', TIM_STATE_FILE: file },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(asRoot && { uid: 12345, gid: 0 }),
  });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return { child, stdout: () => out, stderr: () => err, exited };
}

t.test('an existing state file whose folder this user cannot write stops the start: one line, exit 2, never serving', { skip: unreadable }, async (t) => {
  // Root's folder, writable by root only (as root), or by nobody (as another user).
  const { folder, file } = await stateFolder(t, asRoot ? 0o755 : 0o555);
  const c = startCli(file);
  t.equal(await c.exited, 2);
  t.equal(c.stderr(), `tim-account-mock: state file ${file} could not be saved: its folder ${folder} is not writable by this user (EACCES)\n`);
  t.notMatch(c.stdout(), /listening on/, 'it never served');
});

t.test('the folder writable by group 0 as by its owner (chmod g=u, as the image makes /data): it starts and saves', { skip: unreadable || (!asRoot && 'needs root to start the CLI as another UID in group 0') }, async (t) => {
  const { file } = await stateFolder(t, 0o775);
  const c = startCli(file);
  t.teardown(() => c.child.kill('SIGKILL'));
  await until(() => /listening on/.test(c.stdout()), 30_000, `listening (${c.stderr()})`);
  c.child.kill('SIGTERM');
  t.equal(await c.exited, 0);
  t.match(JSON.parse(await readFile(file, 'utf8')), { format: 'tim-account-mock/state' }, 'saved by UID 12345 through the group');
});
