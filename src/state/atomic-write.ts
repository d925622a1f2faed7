import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

let sequence = 0;

/**
 * Writes `data` to `file` so that a reader (or a restart after a crash) sees the old content or
 * the new, never a mix: a temporary file in the same directory (so the rename stays on one file
 * system), flushed to disk, then renamed over `file`, which is atomic on POSIX. Text given in
 * pieces is written piece by piece, each write awaited.
 */
export async function writeFileAtomic(file: string, data: string | readonly string[]): Promise<void> {
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${++sequence}.tmp`);
  try {
    const handle = await open(temp, 'wx', 0o644);
    try {
      // A file handle's writeFile goes on from where the last one ended, and writes all of it.
      for (const piece of typeof data === 'string' ? [data] : data) await handle.writeFile(piece, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
