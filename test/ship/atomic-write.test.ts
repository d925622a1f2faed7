import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { writeAtomically } from '../../src/services/state-file/atomic-write.js';
import { spawnNode, until } from './child.js';

const LOOP = fileURLToPath(new URL('./atomic-loop.ts', import.meta.url));

t.test('SIGKILL between writing the temporary file and the rename leaves the old file whole', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'tim-atomic-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, 'state.json');
  const { child, stdout, exited } = spawnNode([LOOP, file]);
  t.teardown(() => child.kill('SIGKILL'));
  // The loop stalls right before the rename until killed: the kill cannot land anywhere else.
  await until(() => /renaming (.+)\n/.test(stdout()), 20_000, "the second save's rename");
  t.match(stdout(), /^saved\n/, 'the first save completed');
  child.kill('SIGKILL');
  t.equal((await exited).signal, 'SIGKILL', 'killed, not exited on its own');

  const temp = (/renaming (.+)\n/.exec(stdout()) as RegExpExecArray)[1] as string;
  const pending = JSON.parse(await readFile(temp, 'utf8')) as { version: string };
  t.equal(pending.version, 'b', 'the new version was fully written to the temporary file');
  const saved = JSON.parse(await readFile(file, 'utf8')) as { version: string; filler: string };
  t.equal(saved.version, 'a', 'the file is still the old version');
  t.ok(saved.filler === 'a'.repeat(4 * 1024 * 1024), 'whole');
});

t.test('a failed save removes its temporary file and leaves the old file', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'tim-atomic-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, 'state.json');
  await writeAtomically(file, ['o', 'ld']);
  t.equal(await readFile(file, 'utf8'), 'old');

  // A directory in the way makes the rename fail after the temporary file was written.
  const blocked = join(dir, 'blocked.json');
  await mkdir(blocked);
  await writeFile(join(blocked, 'inside'), 'x');
  await t.rejects(writeAtomically(blocked, ['new']));
  t.same((await readdir(dir)).sort(), ['blocked.json', 'state.json'], 'no temporary file left');
  t.equal(await readFile(file, 'utf8'), 'old');
});

t.test('a save whose text turns out not to be kept removes its file and leaves the old one', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'tim-atomic-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, 'state.json');
  t.equal(await writeAtomically(file, ['o', 'ld']), true, 'kept when nothing says otherwise');
  let written = '';
  // Asked once every piece is written: the new file is there, whole, at that moment.
  const keep = () => {
    written = readdirSync(dir).filter((name) => name !== 'state.json').map((name) => readFileSync(join(dir, name), 'utf8')).join();
    return false;
  };
  async function*pieces() {
    yield 'ne';
    yield 'w';
  }
  t.equal(await writeAtomically(file, pieces(), keep), false);
  t.equal(written, 'new', 'the pieces were written before keep was asked');
  t.same(await readdir(dir), ['state.json'], 'no temporary file left');
  t.equal(await readFile(file, 'utf8'), 'old');
});

t.test('a save keeps the permissions the file had', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'tim-atomic-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, 'state.json');
  await writeFile(file, 'old', { mode: 0o600 });
  await chmod(file, 0o600);
  await writeAtomically(file, ['new']);
  t.equal(await readFile(file, 'utf8'), 'new');
  t.equal((await stat(file)).mode & 0o777, 0o600);
});
