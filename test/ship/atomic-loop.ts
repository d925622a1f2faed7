// Used by atomic-write.test.ts. Saves version "a" of a multi-megabyte document over the file,
// prints "saved", then saves version "b": once b's temporary file is written and flushed, just
// before the rename, it prints "renaming <temporary file>" and stalls, so the test's SIGKILL
// lands exactly between write and rename. If no kill comes within 30 s it exits 3.
import { writeSync } from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { writeFileAtomic } from '../../src/state/atomic-write.js';

type Rename = (from: string, to: string) => Promise<void>;

const [file] = process.argv.slice(2) as [string];
const version = (v: string): string => JSON.stringify({ version: v, filler: v.repeat(4 * 1024 * 1024) });

// writeFileAtomic imports rename from node:fs/promises; replacing the builtin's export (and
// syncing the ESM bindings) is the only seam between its write and its rename.
const fsPromises = createRequire(import.meta.url)('node:fs/promises') as { rename: Rename };
const rename = fsPromises.rename;
let stallBeforeRename = false;
fsPromises.rename = async (from, to) => {
  if (!stallBeforeRename) return rename(from, to);
  writeSync(1, `renaming ${from}\n`);
  await new Promise((resolve) => setTimeout(resolve, 30_000));
  process.exit(3);
};
syncBuiltinESMExports();

await writeFileAtomic(file, version('a'));
writeSync(1, 'saved\n');
stallBeforeRename = true;
await writeFileAtomic(file, version('b'));
