import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const RESULTS = join(ROOT, 'bench', 'results');
export const IMPORT_PATH = '/v4/im_open_login_svc/account_import';
export const SDKAPPID = 1400000001;
export const ADMIN = 'administrator';
export const SECRET = 'bench-secret-key';

const TASKSET = '/usr/bin/taskset';
export const canPin = existsSync(TASKSET) && cpus().length >= 2;
/** The server gets core 0; the bench process and its load generator core 1. */
export const SERVER_CORE = 0;
export const LOAD_CORE = 1;

/** The command line that runs `argv` on `core` when pinning is possible, else `argv` itself. */
export const onCore = (core: number, argv: string[]): string[] => (canPin ? [TASKSET, '-c', String(core), ...argv] : argv);

/** Moves this process (and the load it generates) onto the load core. */
export function pinSelf(): void {
  if (canPin) spawnSync(TASKSET, ['-pc', String(LOAD_CORE), String(process.pid)], { stdio: 'ignore' });
}

/** Flags shared by every bench script; each gives its own defaults. `--help` lists them and exits. */
export function flags<T extends Record<string, string>>(defaults: T): { [K in keyof T]: number } & { build: boolean } {
  const { values } = parseArgs({
    options: {
      ...Object.fromEntries(Object.keys(defaults).map((k) => [k, { type: 'string' as const }])),
      'no-build': { type: 'boolean' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help === true) {
    const listed = Object.entries(defaults).map(([k, d]) => `[--${k} ${d}]`);
    process.stdout.write(`options (defaults shown): ${[...listed, '[--no-build]'].join(' ')}\n`);
    process.exit(0);
  }
  const out: Record<string, number | boolean> = { build: values['no-build'] !== true };
  for (const [k, d] of Object.entries(defaults)) {
    const n = Number((values as Record<string, unknown>)[k] ?? d);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${k} must be a number >= 0`);
    out[k] = n;
  }
  return out as { [K in keyof T]: number } & { build: boolean };
}

/** Builds dist/ (the emulator as users run it) and the bare ceiling server. */
export async function buildTargets(build: boolean): Promise<void> {
  mkdirSync(RESULTS, { recursive: true });
  if (build) {
    // The build bundles before tsc type-checks, so a type error elsewhere leaves dist/cli.js built.
    spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  }
  if (!existsSync(join(ROOT, 'dist', 'cli.js'))) throw new Error('dist/cli.js is missing: run npm run build');
  await bundle({ entryPoints: [join(ROOT, 'bench', 'ceiling.ts')] }, join(RESULTS, 'ceiling.mjs'));
}

/**
 * Bundles a bench target as `npm run build` bundles the emulator: its own modules in one
 * file, npm packages left external, so that both start alike.
 */
export async function bundle(input: { entryPoints: string[] } | { stdin: { contents: string; resolveDir: string; loader: 'ts' } }, outfile: string): Promise<void> {
  const esbuild = await import('esbuild');
  await esbuild.build({ ...input, outfile, bundle: true, packages: 'external', platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning' });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export type TargetName = 'ceiling' | 'emulator' | 'emulator-declared';

export interface Target {
  name: TargetName;
  /** Extra environment for the emulator (log level, journal size, rate limit). */
  env?: Record<string, string>;
}

/** One saturation run's figures against one target, as the HTTP benches report them. */
export interface LoadRun {
  rps: number;
  p50: number;
  p99: number;
  cpuUs: number;
  bad: number;
}

export interface Running {
  child: ChildProcess;
  port: number;
  url: string;
  /** Query string of a vendor call this target accepts. */
  query: string;
  /** Milliseconds from spawn to the first answered vendor call. */
  coldStartMs: number;
  stop(): Promise<void>;
}

/** The body every bench import sends: one account, no profile, as in a bulk import of ids. */
export const importBody = (identifier: string): string => `{"Identifier":"${identifier}"}`;

export const queryFor = (usersig: string): string =>
  new URLSearchParams({ sdkappid: String(SDKAPPID), identifier: ADMIN, usersig, random: '12345', contenttype: 'json' }).toString();

/** Starts a target on the server core and waits for its first answered vendor call. */
export async function start(target: Target, usersig: string): Promise<Running> {
  const port = await freePort();
  const env: Record<string, string> = { ...(process.env as Record<string, string>), PORT: String(port), HOST: '127.0.0.1', TIM_RATE_LIMIT: '0', LOG_LEVEL: 'warn', ...target.env };
  if (target.name === 'emulator-declared') Object.assign(env, { TIM_SDKAPPID: String(SDKAPPID), TIM_SECRET_KEY: SECRET });
  const script = target.name === 'ceiling' ? join(RESULTS, 'ceiling.mjs') : join(ROOT, 'dist', 'cli.js');
  const argv = onCore(SERVER_CORE, [process.execPath, script]);
  const started = performance.now();
  const child = spawn(argv[0] as string, argv.slice(1), { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const query = queryFor(usersig);
  // Bounded: a target that does not answer within 10 s fails the run.
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null) throw new Error(`${target.name} exited with ${child.exitCode} before answering`);
    try {
      const res = await fetch(`${url}${IMPORT_PATH}?${query}`, { method: 'POST', body: '{"Identifier":"cold-start"}' });
      const reply = (await res.json()) as { ErrorCode: number };
      if (reply.ErrorCode !== 0) throw new Error(`${target.name} refused the first call: ${JSON.stringify(reply)}`);
      break;
    } catch (error) {
      if (performance.now() - started > 10_000) throw error;
      await new Promise((resolve) => setTimeout(resolve, attempt < 200 ? 2 : 20));
    }
  }
  const coldStartMs = performance.now() - started;
  return {
    child,
    port,
    url,
    query,
    coldStartMs,
    stop: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** The resident set of a process, now and at its peak (kB from /proc, in MB). */
export function rssOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string): number => Number(/\s(\d+) kB/.exec(status.split('\n').find((l) => l.startsWith(field)) ?? '')?.[1] ?? NaN);
  return { rssMb: kb('VmRSS:') / 1024, peakMb: kb('VmHWM:') / 1024 };
}

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat. */
export function cpuSecondsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticksPerSecond = 100;
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

export const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** The targets in round `r`'s order: A B C, then C B A, so that each runs early and late alike. */
export const inRoundOrder = <T>(names: readonly T[], r: number): readonly T[] => (r % 2 ? [...names].reverse() : names);

/** The median over rounds of `ratio(a target's run, the same round's ceiling run)`. */
export const medianRatio = <R>(runs: readonly R[], ceiling: readonly R[], ratio: (run: R, ceiling: R) => number): number =>
  round(median(runs.map((run, i) => ratio(run, ceiling[i] as R))), 3);

export function machine(): { nproc: number; cpu: string; node: string; pinned: boolean; loadavg: string } {
  const cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown';
  const loadavg = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  return { nproc: cpus().length, cpu, node: process.version, pinned: canPin, loadavg };
}
