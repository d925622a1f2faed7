// Used by atomic-write.test.ts. Saves version "a" of a multi-megabyte document over the file,
// prints "saved", then saves version "b": once b's temporary file is written and flushed, just
// before the rename, it prints "renaming <temporary file>" and stalls, so the test's SIGKILL
// lands exactly between write and rename. If no kill comes within 30 s it exits 3.
import { writeSync } from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';

type Rename = (from: string, to: string) => Promise<void>;

const [file] = process.argv.slice(2) as [string];
const version = (v: string): string => JSON.stringify({ version: v, filler: v.repeat(4 * 1024 * 1024) });

// The save renames with fs/promises' rename; replacing the builtin's export (and syncing the ESM
// bindings) before the save's module is loaded is the only seam between its write and its rename.
const fs = createRequire(import.meta.url)('node:fs/promises') as { rename: Rename };
const rename = fs.rename;
let stallBeforeRename = false;
fs.rename = (from, to) => {
  if (!stallBeforeRename) return rename(from, to);
  writeSync(1, `renaming ${from}\n`);
  setTimeout(() => process.exit(3), 30_000);
  return new Promise<void>(() => undefined);
};
syncBuiltinESMExports();
const { writeAtomically } = await import('../../src/services/state-file/atomic-write.js');

// In pieces, as a save writes them.
const pieces = (v: string): string[] => version(v).match(/[^]{1,65536}/g) as string[];
await writeAtomically(file, pieces('a'));
writeSync(1, 'saved\n');
stallBeforeRename = true;
await writeAtomically(file, pieces('b'));
