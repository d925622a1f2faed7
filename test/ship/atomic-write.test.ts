import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { writeFileAtomic } from '../../src/state/atomic-write.js';
import { spawnNode, until } from './child.js';

const LOOP = fileURLToPath(new URL('./atomic-loop.ts', import.meta.url));

t.test('SIGKILL in the middle of saving leaves a whole file, old or new', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'tim-atomic-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, 'state.json');
  // Kill at different points of the write-flush-rename cycle (each save of 4 MiB takes several ms).
  for (const afterMs of [0, 7, 23, 61]) {
    const { child, stdout, exited } = spawnNode(['--import', 'tsx', LOOP, file]);
    await until(() => stdout().includes('saved'), 10_000, 'the first save');
    await new Promise((resolve) => setTimeout(resolve, afterMs));
    child.kill('SIGKILL');
    t.equal((await exited).signal, 'SIGKILL');
    const saved = JSON.parse(await readFile(file, 'utf8')) as { version: string; filler: string };
    t.ok(saved.filler === saved.version.repeat(4 * 1024 * 1024), `killed ${afterMs} ms in: the file is whole version '${saved.version}'`);
  }
});

t.test('a failed save removes its temporary file and leaves the old file', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'tim-atomic-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, 'state.json');
  await writeFileAtomic(file, 'old');
  t.equal(await readFile(file, 'utf8'), 'old');

  // A directory in the way makes the rename fail after the temporary file was written.
  const blocked = join(dir, 'blocked.json');
  await mkdir(blocked);
  await writeFile(join(blocked, 'inside'), 'x');
  await t.rejects(writeFileAtomic(blocked, 'new'));
  t.same((await readdir(dir)).sort(), ['blocked.json', 'state.json'], 'no temporary file left');
  t.equal(await readFile(file, 'utf8'), 'old');
});
