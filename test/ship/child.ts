import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Test } from 'tap';
import { assertVendorShaped, type Reply } from '../helper.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CLI = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

/** A running CLI process and what it has said so far. */
export interface Child {
  process: ChildProcess;
  /** The URL from its "listening" log line. */
  url: string;
  port: number;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or the signal that ended it) and when it exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

/** Starts a process and collects its output; `exited` settles when it ends. */
export function spawnNode(args: string[], env: NodeJS.ProcessEnv = {}, cwd = ROOT) {
  const child = spawn(process.execPath, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = once(child, 'exit').then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null, at: Date.now() }));
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Starts the CLI (from its TypeScript source unless `entry` says otherwise) on a free port and waits for its "listening" line. */
export async function startCli(args: string[] = [], env: NodeJS.ProcessEnv = {}, entry: string[] = [CLI], cwd = ROOT): Promise<Child> {
  const { child, stdout, stderr, exited } = spawnNode([...entry, ...args], { PORT: '0', LOG_LEVEL: 'info', ...env }, cwd);
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (): void => {
      const match = /"url":"(http:\/\/[^"]+)"/.exec(stdout());
      if (match?.[1] !== undefined) {
        child.stdout.off('data', onData);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    void exited.then(({ code }) => reject(new Error(`the CLI exited (${code}) before listening: ${stderr()}${stdout()}`)));
  });
  return { process: child, url, port: Number(new URL(url).port), stdout, stderr, exited };
}

/** Whether a TCP connection to the port is refused right now. */
export async function refused(port: number): Promise<boolean> {
  const socket = connect({ host: '127.0.0.1', port });
  try {
    await once(socket, 'connect');
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ECONNREFUSED';
  } finally {
    socket.destroy();
  }
}

/** Polls `check` until it holds; fails after `ms` (a bound on a real event, not a sleep). */
export async function until(check: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export const VENDOR_QUERY = 'sdkappid=1400000001&identifier=administrator&usersig=any-sig&random=1&contenttype=json';
export const IMPORT_PATH = '/v4/im_open_login_svc/account_import';

/** A vendor call over real HTTP; the reply is checked for the vendor's shape like every other. */
export async function vendorCall(t: Test, url: string, path: string, body: unknown): Promise<Reply> {
  const res = await fetch(`${url}${path}?${VENDOR_QUERY}`, { method: 'POST', body: JSON.stringify(body) });
  return assertVendorShaped(t, { statusCode: res.status, headers: Object.fromEntries(res.headers), body: await res.text() });
}

/** A port that was free a moment ago, for a test that must reach a server before it says where it listens. */
export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}
