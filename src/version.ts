import { createRequire } from 'node:module';

/**
 * The package's version. Read from this module only: it sits at src/ depth, the same depth as
 * the bundles in dist/, so '../package.json' resolves to the package's own file from both.
 */
export const { version } = createRequire(import.meta.url)('../package.json') as { version: string };
