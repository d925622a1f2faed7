import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { build, call, IMPORT } from '../helper.js';
import { json } from './json.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

t.test('GET /health answers 200 {"status":"ok"} once the app is ready', async (t) => {
  const { app } = build(t);
  const res = await json(app, 'GET', '/health');
  t.equal(res.status, 200);
  t.match(String(res.headers['content-type']), /^application\/json/);
  t.same(res.body, { status: 'ok' });
});

t.test('the health check is not written to the request journal', async (t) => {
  const { app } = build(t);
  await json(app, 'GET', '/health');
  await call(t, app, IMPORT, { Identifier: 'bob' });
  const paths = (await json(app, 'GET', '/__mock/requests')).body.requests.map((r: { path: string }) => r.path);
  t.same(paths, [IMPORT], 'only the vendor call');
});

t.test('the health check logs at debug level only, while other requests log at info', async (t) => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'debug' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  t.teardown(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  /** Resolves once the output matches (the process prints each line when it happens). */
  const seen = (pattern: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = (): void => {
        const match = pattern.exec(out);
        if (match) {
          child.stdout.off('data', check);
          resolve(match);
        }
      };
      child.stdout.on('data', check);
      child.once('exit', () => reject(new Error(`the CLI exited; it printed:\n${out}`)));
      check();
    });

  const url = (await seen(/"url":"(http:\/\/[^"]+)"/))[1] as string;
  t.equal((await fetch(`${url}/health`)).status, 200);
  t.equal((await fetch(`${url}/__mock/clock`)).status, 200);
  await seen(/"path":"\/__mock\/clock"/);
  child.kill('SIGTERM');
  await once(child, 'exit');

  const lines = out
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { level: number; path?: string; msg: string });
  const requestLevel = (path: string) => lines.filter((l) => l.msg === 'request' && l.path === path).map((l) => l.level);
  t.same(requestLevel('/health'), [20], '/health: one line, at debug (20)');
  t.same(requestLevel('/__mock/clock'), [30], 'another request: one line, at info (30)');
});
