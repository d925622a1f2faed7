/**
 * Rebuilds tap when its build holds a plugin that package.json's tap.plugin turns off: the
 * TypeScript one (test/ts/register.mjs runs the TypeScript instead) and those no test uses,
 * each of which every test process would load, the mock plugin's module hooks above all. tap
 * notices a changed plugin list and rebuilds by itself, but the test processes of that same run
 * still start with the old build's plugins and loaders, so the first `npm test` after every
 * fresh `npm ci` would load them all into each one.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const built = readFileSync(require.resolve('@tapjs/test/test-built'), 'utf8');
const signature = /exports\.signature = `([^`]*)`/.exec(built)?.[1].split('\n') ?? [];
const { tap } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
const off = tap.plugin.filter((name) => name.startsWith('!')).map((name) => name.slice(1));
if (off.some((name) => signature.includes(name))) {
  execFileSync('npx', ['--no-install', 'tap', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
}
