// Used by atomic-write.test.ts. Saves version "a" of a multi-megabyte document over the file,
// prints "saved", then saves version "b": once b's temporary file is written and flushed, just
// before the rename, it prints "renaming <temporary file>" and stalls, so the test's SIGKILL
// lands exactly between write and rename. If no kill comes within 30 s it exits 3.
import { writeSync } from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import writeFileAtomic from 'write-file-atomic';

type Rename = (from: string, to: string, done: (error: Error | null) => void) => void;

const [file] = process.argv.slice(2) as [string];
const version = (v: string): string => JSON.stringify({ version: v, filler: v.repeat(4 * 1024 * 1024) });

// write-file-atomic reads fs.rename when it renames; replacing the builtin's export (and
// syncing the ESM bindings) is the only seam between its write and its rename.
const fs = createRequire(import.meta.url)('node:fs') as { rename: Rename };
const rename = fs.rename;
let stallBeforeRename = false;
fs.rename = (from, to, done) => {
  if (!stallBeforeRename) return rename(from, to, done);
  writeSync(1, `renaming ${from}\n`);
  setTimeout(() => process.exit(3), 30_000);
};
syncBuiltinESMExports();

await writeFileAtomic(file, version('a'));
writeSync(1, 'saved\n');
stallBeforeRename = true;
await writeFileAtomic(file, version('b'));
