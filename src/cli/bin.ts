#!/usr/bin/env -S node --expose-gc
/**
 * The installed command (dist/cli.js): turns on Node's compile cache (Node 22.1 and later), then
 * loads the CLI. The cache keeps the compiled code of the emulator and of Fastify in the OS's
 * temporary folder, so that every start after the first skips compiling them, as Node advises
 * for command-line tools. It must be on before they are imported, hence this file of its own.
 */
import * as nodeModule from 'node:module';

nodeModule.enableCompileCache?.();
await import('./main.js');
// Written now, once the server listens: a container stopped with SIGKILL never reaches the exit
// that would write it.
nodeModule.flushCompileCache?.();
