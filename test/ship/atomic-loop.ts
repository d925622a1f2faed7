// Saves two different multi-megabyte documents over one file, turn by turn, until killed;
// prints "saved" after the first save. Used by atomic-write.test.ts.
import { writeFileAtomic } from '../../src/state/atomic-write.js';

const [file] = process.argv.slice(2) as [string];
const versions = ['a', 'b'].map((v) => JSON.stringify({ version: v, filler: v.repeat(4 * 1024 * 1024) }));
for (let turn = 0; ; turn++) {
  await writeFileAtomic(file, versions[turn % 2] as string);
  if (turn === 0) process.stdout.write('saved\n');
}
