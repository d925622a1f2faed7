import { randomBytes } from 'node:crypto';
import { open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Characters written at once: big enough for few writes, small enough to join in well under a millisecond. */
const WRITE_BATCH = 256 * 1024;

/**
 * Replaces `file` with the pieces' text, all or nothing: they are written to a new file beside
 * it, flushed to disk, and that file renamed over it, so that a reader, or a restart after a
 * crash, sees the old content or the new, never a mix. Written piece by piece, each made into
 * bytes only when its turn comes: a large state never becomes one string or one buffer, which
 * would hold the event loop (and every request waiting on it) for as long as it takes to build.
 * When `keep`, asked once every piece is written, says no (the text turned out the same as the
 * file's), the new file is removed unflushed and the answer is false.
 */
export async function writeAtomically(
  file: string,
  pieces: Iterable<string> | AsyncIterable<string>,
  keep: () => boolean = () => true,
): Promise<boolean> {
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}`);
  // The file keeps its permissions, as an editor's save keeps them.
  const mode = await stat(file).then(
    (stats) => stats.mode & 0o777,
    () => 0o666,
  );
  const handle = await open(temporary, 'wx', mode);
  try {
    let kept: boolean;
    try {
      // Pieces are small (a slice of accounts each); written a batch at a time, a large state
      // costs a few hundred writes to the thread pool rather than one per piece.
      let batch: string[] = [];
      let size = 0;
      for await (const piece of pieces) {
        batch.push(piece);
        size += piece.length;
        if (size >= WRITE_BATCH) {
          await handle.write(batch.join(''));
          batch = [];
          size = 0;
        }
      }
      if (batch.length > 0) await handle.write(batch.join(''));
      kept = keep();
      if (kept) await handle.datasync();
    } finally {
      await handle.close();
    }
    if (kept) await rename(temporary, file);
    else await rm(temporary);
    return kept;
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
