import { existsSync, readFileSync } from 'node:fs';
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
  t.same([...ship].sort(), [...pkg.tap.exclude].sort(), 'tap.exclude is the same list');
  for (const file of ship) t.ok(existsSync(join(ROOT, file)), `${file} exists`);
  t.match(pkg.scripts.test, /^npm run check\b.*&& tap$/, 'npm test: the gates, then the suite');
});
