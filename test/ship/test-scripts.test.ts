import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { ROOT } from './child.js';

interface Pkg {
  scripts: Record<string, string>;
  tap: { include: string[]; exclude: string[] };
}
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Pkg;

// `npm test` leaves out exactly the files `npm run test:ship` runs (docs/architecture.md), so every
// test file runs in one of the two, and .ci/run runs both.
t.test('the ship script runs exactly the files the default suite leaves out', async (t) => {
  const ship = pkg.scripts['test:ship']?.split(/\s+/).filter((word) => word.endsWith('.test.ts')) ?? [];
  t.ok(ship.length > 0, 'test:ship names its files');
  t.same([...ship].sort(), pkg.tap.exclude.filter((pattern) => !pattern.includes('!(all)')).sort(), 'tap.exclude is that list and the folders run in one process');
  for (const file of ship) t.ok(existsSync(join(ROOT, file)), `${file} exists`);
  t.equal(pkg.scripts.test, 'node test/npm-test.mjs', 'npm test: the gates and the suite (test/npm-test.mjs)');
});

/** The folders below test/ that hold an `all.test.ts`, which runs the folder's other files in its process. */
function foldersRunInOneProcess(dir = join(ROOT, 'test'), rel = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (!entry.isDirectory()) return entry.name === 'all.test.ts' ? [rel.slice(1)] : [];
    return foldersRunInOneProcess(join(dir, entry.name), `${rel}/${entry.name}`);
  });
}

// Otherwise a file would run twice (by tap and by its folder's all.test.ts) or never.
t.test('tap leaves out the files of exactly the folders that run in one process', async (t) => {
  const patterns = pkg.tap.exclude.filter((pattern) => pattern.includes('!(all)'));
  t.equal(patterns.length, 1, 'one pattern names them');
  const named = /^test\/\{([^}]+)\}\/!\(all\)\.test\.ts$/.exec(patterns[0] ?? '')?.[1]?.split(',') ?? [];
  t.ok(named.length > 0, 'as test/{folder,...}/!(all).test.ts');
  t.same([...named].sort(), foldersRunInOneProcess().sort(), 'the folders with an all.test.ts');
});
