/**
 * Module hooks for test/ts/register.mjs: a relative `.js` import that has no file resolves to
 * its `.ts` source (NodeNext's convention), and a `.ts` file is compiled by esbuild to an ES
 * module with an inline source map, line for line, so that coverage and stack traces point at
 * the source.
 *
 * Every test file and every child process it starts loads the same sources, so each compiled
 * module is kept in node_modules/.cache, named by a hash of its source and the compiler's
 * settings: a process whose sources are all cached never starts esbuild.
 *
 * TypeBox's ES build is some 250 modules, and each costs a round trip through these hooks (they
 * run on a thread of their own): it is bundled once, as the build bundles it, into one module
 * per entry point and the chunks they share.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const TS = /\.[cm]?ts$/;
const RELATIVE_JS = /^(\.{1,2}\/|\/|file:).*\.[cm]?js$/;
const CACHE = fileURLToPath(new URL('../../node_modules/.cache/ts-esm/', import.meta.url));
const TARGET = `node${process.versions.node}`;
// Part of every key: a change to how files are compiled must not reuse what the old way made.
const SETTINGS = `esm ${TARGET} inline-map v1`;

const TYPEBOX = /^@sinclair\/typebox(?:\/(compiler|errors|parser|syntax|system|type|value))?$/;

const fromTs = (parentURL) => parentURL?.startsWith('file:') === true && TS.test(new URL(parentURL).pathname);

export async function resolve(specifier, context, nextResolve) {
  const typebox = TYPEBOX.exec(specifier);
  if (typebox) return { url: new URL(`${typeboxBundle()}/${typebox[1] ?? 'index'}.mjs`, 'file:').href, shortCircuit: true };
  // Tried first where it is the answer, so that the common case costs no failed lookup.
  if (RELATIVE_JS.test(specifier) && fromTs(context.parentURL)) {
    const ts = new URL(specifier.replace(/js$/, 'ts'), context.parentURL);
    if (!existsSync(new URL(specifier, context.parentURL)) && existsSync(ts)) return nextResolve(ts.href, context);
  }
  return nextResolve(specifier, context);
}

// Loaded only when something is to be compiled.
let esbuild;
const loadEsbuild = () => (esbuild ??= createRequire(import.meta.url)('esbuild'));
let bundled;

/** The folder of TypeBox's bundle, made on first use and shared by every later process. */
function typeboxBundle() {
  if (bundled !== undefined) return bundled;
  const manifest = fileURLToPath(new URL('../../node_modules/@sinclair/typebox/package.json', import.meta.url));
  const { version, exports } = JSON.parse(readFileSync(manifest, 'utf8'));
  bundled = `${CACHE}typebox-${version}`;
  if (existsSync(bundled)) return bundled;
  const entries = Object.keys(exports).map((key) => ({
    in: fileURLToPath(new URL(exports[key].import.default, `file:${manifest}`)),
    out: key === '.' ? 'index' : key.slice(2),
  }));
  const partial = `${bundled}.${process.pid}`;
  // Synchronous, so that a second import waiting on the first never finds half a folder.
  loadEsbuild().buildSync({
    entryPoints: entries,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    outdir: partial,
    outExtension: { '.js': '.mjs' },
    logLevel: 'warning',
  });
  try {
    renameSync(partial, bundled);
  } catch {
    // Another process made it first: its copy is the same.
    rmSync(partial, { recursive: true, force: true });
  }
  return bundled;
}

async function compile(path, source) {
  const { code } = await loadEsbuild().transform(source, {
    loader: 'ts',
    format: 'esm',
    target: TARGET,
    sourcemap: 'inline',
    sourcefile: path,
    sourcesContent: false,
  });
  return code;
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !TS.test(new URL(url).pathname)) return nextLoad(url, context);
  const path = fileURLToPath(url);
  const source = await readFile(path, 'utf8');
  const cached = `${CACHE}${createHash('sha256').update(`${SETTINGS}\0${path}\0${source}`).digest('hex')}.mjs`;
  let code;
  try {
    code = readFileSync(cached, 'utf8');
  } catch {
    code = await compile(path, source);
    mkdirSync(CACHE, { recursive: true });
    // Written aside and renamed, so that a process reading it meanwhile never sees half of it.
    const partial = `${cached}.${process.pid}`;
    writeFileSync(partial, code);
    renameSync(partial, cached);
  }
  return { format: 'module', source: code, shortCircuit: true };
}
