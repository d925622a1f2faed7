/**
 * How a test starts a child process that runs this repository's TypeScript.
 *
 * tap's coverage report keeps one source map per source file, whichever process wrote it last. A
 * child that transpiles a file differently from the test processes (tsx, where tap uses ts-node)
 * has its counts, or theirs, mapped onto the wrong lines, and the coverage gate passed or failed
 * by chance. test/coverage-maps.ts checks it stays fixed.
 */
const tapLoader = process.execArgv.filter((arg) => arg.includes('@tapjs/typescript') || arg === '--enable-source-maps');

/**
 * Node flags for a child whose coverage counts (the CLI): under tap, tap's own TypeScript loader
 * and source maps, as in this process; outside tap, tsx.
 */
export const RUN_TS: readonly string[] = tapLoader.some((arg) => arg.includes('@tapjs/typescript')) ? tapLoader : ['--import', 'tsx'];

/**
 * Flags and environment for a child on tsx: one that measures its own heap (tsx keeps no compiler
 * in the heap; with tap's loader the snapshots are many times slower), or one run as a user
 * runs it (`node --import tsx --test`). tap's coverage recording is off in it, since tsx's
 * transpilation maps differently (tap puts its recorder back into every child's NODE_OPTIONS, so
 * leaving NODE_OPTIONS out is not enough).
 */
export const PROBE_TS: readonly string[] = ['--import', 'tsx'];
export const probeEnv = (env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv => ({ ...env, _TAPJS_PROCESSINFO_COVERAGE_: '0' });
