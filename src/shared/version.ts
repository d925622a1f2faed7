import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The package's version, from its own package.json: one folder up from the bundles in dist/
 * (esbuild puts every chunk at dist's top), two up from this source file. The nearer one is
 * tried first, so an installed copy never reads a manifest above its own package.
 */
const ownManifest = ['../package.json', '../../package.json'].find((path) => existsSync(new URL(path, import.meta.url)));
export const { version } = createRequire(import.meta.url)(ownManifest ?? '../package.json') as { version: string };
