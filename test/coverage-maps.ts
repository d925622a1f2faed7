/**
 * Run by `npm test` after tap: fails when two test processes recorded different source maps for
 * one source file. tap's coverage report keeps one map per file (whichever it read last), so
 * counts recorded through another map land on the wrong lines and the coverage gate passes or
 * fails by chance: that happened while the CLI children of the tests ran on tsx and the test files on
 * tap's ts-node loader. Children start with RUN_TS or PROBE_TS (test/run-ts.ts).
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface CoverageFile {
  'source-map-cache'?: Record<string, { data?: { mappings?: string } }>;
}

const root = fileURLToPath(new URL('..', import.meta.url));
const srcPrefix = pathToFileURL(join(root, 'src')).href + '/';
const dir = join(root, '.tap', 'coverage');
const maps = new Map<string, Set<string>>();
const files = await readdir(dir).catch(() => []);
for (const name of files) {
  const coverage = JSON.parse(await readFile(join(dir, name), 'utf8')) as CoverageFile;
  for (const [url, entry] of Object.entries(coverage['source-map-cache'] ?? {})) {
    if (!url.startsWith(srcPrefix)) continue;
    const digest = createHash('sha256').update(entry.data?.mappings ?? '').digest('hex');
    maps.set(url, (maps.get(url) ?? new Set()).add(digest));
  }
}
const mixed = [...maps].filter(([, digests]) => digests.size > 1).map(([url]) => url.slice(srcPrefix.length - 4));
if (files.length === 0) {
  console.error('coverage maps: no coverage recorded in .tap/coverage');
  process.exitCode = 1;
} else if (mixed.length > 0) {
  console.error(`coverage maps: ${mixed.length} source files were transpiled differently by different test processes (start TypeScript children with RUN_TS or PROBE_TS from test/run-ts.ts): ${mixed.slice(0, 5).join(', ')}`);
  process.exitCode = 1;
} else {
  console.log(`coverage maps: one source map per file (${maps.size} files, ${files.length} processes)`);
}
