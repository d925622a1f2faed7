import { readdirSync } from 'node:fs';
import t from 'tap';

/**
 * Runs every other `*.test.ts` of the caller's folder in the caller's process, in name order.
 * A test process pays about 1.6 s of CPU before its first test (tap, the TypeScript hooks, the
 * app's modules), more than most of these files take to run, so a folder of them shares one
 * start (tap's `exclude` in package.json keeps tap from starting them one by one). Each still
 * runs alone with `npx tap <file>`. The files share no top-level hooks or environment: a file
 * that needs its own process lives in a folder without an `all.test.ts`.
 */
export async function runFolder(callerUrl: string): Promise<void> {
  const folder = new URL('.', callerUrl);
  const names = readdirSync(folder)
    .filter((name) => name.endsWith('.test.ts') && name !== 'all.test.ts')
    .sort();
  // tap's timeout is per process: each file keeps the 60 s it had alone.
  t.setTimeout(60_000 * names.length);
  for (const name of names) await import(new URL(name, folder).href);
}
