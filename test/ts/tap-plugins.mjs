/**
 * Rebuilds tap when it is built with @tapjs/typescript, which package.json's tap.plugin turns
 * off (test/ts/register.mjs runs the TypeScript instead). tap notices a changed plugin list and
 * rebuilds by itself, but the test processes of that same run still start with the old build's
 * loaders, so the first `npm test` after every fresh `npm ci` would load ts-node into each one.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const built = readFileSync(createRequire(import.meta.url).resolve('@tapjs/test/test-built'), 'utf8');
if (/^@tapjs\/typescript$/m.test(built)) {
  execFileSync('npx', ['--no-install', 'tap', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
}
