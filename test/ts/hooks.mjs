/**
 * Module hooks for test/ts/register.mjs: a relative `.js` import that has no file resolves to
 * its `.ts` source (NodeNext's convention), and a `.ts` file is compiled by esbuild to an ES
 * module with an inline source map, line for line, so that coverage and stack traces point at
 * the source.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';

const TS = /\.[cm]?ts$/;

export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    const fromTs = context.parentURL?.startsWith('file:') && TS.test(new URL(context.parentURL).pathname);
    if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !fromTs || !/^(\.{1,2}\/|\/|file:).*\.[cm]?js$/.test(specifier)) throw error;
    return nextResolve(specifier.replace(/js$/, 'ts'), context);
  }
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !TS.test(new URL(url).pathname)) return nextLoad(url, context);
  const path = fileURLToPath(url);
  const { code } = await transform(await readFile(path, 'utf8'), {
    loader: 'ts',
    format: 'esm',
    target: `node${process.versions.node}`,
    sourcemap: 'inline',
    sourcefile: path,
    sourcesContent: false,
  });
  return { format: 'module', source: code, shortCircuit: true };
}
