import t, { type Test } from 'tap';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { Agent, request } from 'undici';
import { CLI, freePort, ROOT, until, VENDOR_QUERY } from './child.js';

const REQUESTS = 3000;
const CONCURRENCY = 16;

/** The CLI with stdout to a pipe this test does not read (until `read`), and its port. */
async function unreadCli(t: Test) {
  const port = await freePort();
  const child = spawn(process.execPath, [CLI, '--log-buffer', '16384'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  // Paused with no reader: once the pipe and Node's own buffer are full, nothing more is read.
  child.stdout.pause();
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  t.teardown(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  const url = `http://127.0.0.1:${port}`;
  await until(async () => (await fetch(`${url}/health`).catch(() => undefined))?.status === 200, 30_000, 'the CLI to answer');
  return { child, url, exited };
}

/** `REQUESTS` vendor calls, each writing a request line; returns how many were answered 200. */
async function flood(url: string): Promise<number> {
  const dispatcher = new Agent({ connections: CONCURRENCY });
  let answered = 0;
  let next = 0;
  const worker = async () => {
    while (next < REQUESTS) {
      const i = next++;
      const res = await request(`${url}/v4/im_open_login_svc/account_import?${VENDOR_QUERY}`, { method: 'POST', body: `{"UserID":"u${i}"}`, dispatcher });
      await res.body.text();
      if (res.statusCode === 200) answered++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  await dispatcher.close();
  return answered;
}

t.test('stdout never read: the CLI keeps answering, and SIGTERM ends it (exit 0)', async (t) => {
  const { child, url, exited } = await unreadCli(t);
  t.equal(await flood(url), REQUESTS, 'every call answered while no one reads the log');
  child.kill('SIGTERM');
  const [code, signal] = await exited;
  t.same({ code, signal }, { code: 0, signal: null });
});

t.test('stdout read late: every request line is either written or counted as dropped', async (t) => {
  const { child, url, exited } = await unreadCli(t);
  t.equal(await flood(url), REQUESTS);
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stdout.resume();
  // One more call once the reader is back: its line comes after the count of those dropped.
  const res = await fetch(`${url}/v4/im_open_login_svc/account_import?${VENDOR_QUERY}`, { method: 'POST', body: '{"UserID":"late"}' });
  t.equal(res.status, 200);
  await res.text();
  await until(() => out.includes('"account":"late"'), 10_000, 'the late call to be logged');
  child.kill('SIGTERM');
  const [code] = await exited;
  t.equal(code, 0);
  const lines = out.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { msg: string; droppedLines?: number; account?: string });
  const written = lines.filter((l) => l.msg === 'request').length;
  const dropped = lines.reduce((sum, l) => sum + (l.droppedLines ?? 0), 0);
  t.ok(dropped > 0, `${dropped} lines were dropped`);
  t.ok(written < REQUESTS, `${written} request lines were written`);
  t.equal(written + dropped, REQUESTS + 1, 'none lost uncounted');
  t.equal(lines.findLast((l) => l.msg === 'request')?.account, 'late');
  t.ok(lines.some((l) => /SIGTERM received/.test(l.msg)), 'the lines after the drop are written');
});
