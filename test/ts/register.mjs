/**
 * The one way this repository runs its TypeScript outside the build: `node --import
 * ./test/ts/register.mjs file.ts`. tap starts every test file with it (package.json), and it puts
 * itself into NODE_OPTIONS, so every child process a test starts (`node src/cli/main.ts`, a probe)
 * compiles each source file exactly as the test files do, and the coverage report needs no
 * reconciliation between loaders.
 *
 * It is esbuild, the build's own compiler, without minification. tsx also runs esbuild, but with
 * whitespace minified, which puts a whole module on one line: V8's coverage is mapped back to
 * the sources line by line, so every file that ran at all counted as fully covered.
 */
import { register } from 'node:module';
import { fileURLToPath } from 'node:url';

register('./hooks.mjs', import.meta.url);

const flag = `--import=${JSON.stringify(fileURLToPath(import.meta.url))}`;
if (!process.env.NODE_OPTIONS?.includes(flag)) {
  process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} ${flag}`.trim();
}
