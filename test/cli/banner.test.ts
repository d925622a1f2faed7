import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { promisify } from 'node:util';
import t from 'tap';
import { banner } from '../../src/cli/banner.js';
import { listenAddresses } from '../../src/cli/addresses.js';
import { CLI, ROOT, spawnNode, startCli, until } from '../ship/child.js';

const run = promisify(execFile);

/**
 * The CLI with a terminal as its stdout: util-linux `script` gives it a pseudo-terminal. The
 * shell in it prints its PID, then becomes the CLI (exec), so that the test stops it with
 * SIGTERM (a clean close) as soon as it has printed its banner and its listening line; the test
 * reads everything it printed.
 */
async function onTerminal(env: string): Promise<string> {
  const command = `echo "cli-pid $$"; ${env} PORT=0 exec ${process.execPath} ${CLI}`;
  // stdin stays an open pipe: script stops when its input ends.
  const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const exited = once(child, 'exit');
  try {
    await until(() => /is ready/.test(out) && /listening on/.test(out), 30_000, 'the banner and the listening line');
  } finally {
    const pid = /cli-pid (\d+)/.exec(out)?.[1];
    if (pid === undefined) child.kill('SIGKILL');
    else process.kill(Number(pid), 'SIGTERM');
  }
  await exited;
  return out;
}

const hasScript = await run('script', ['--version']).then(
  () => true,
  () => false,
);

t.test('on a terminal: the banner, then pretty log lines (pino-pretty), no JSON', { skip: !hasScript && 'util-linux `script` is not installed (apt-get install bsdutils)' }, async (t) => {
  const out = await onTerminal('TIM_SDKAPPID=1400000001 TIM_SECRET_KEY=very-secret-key');
  t.match(out, /tim-account-mock \d+\.\d+\.\d+ is ready/);
  t.match(out, /Vendor API\s+http:\/\/127\.0\.0\.1:\d+\/v4\//);
  t.match(out, /API docs\s+http:\/\/127\.0\.0\.1:\d+\/documentation/);
  t.match(out, /Mode\s+declared: 1400000001 \(admin administrator\)/);
  t.match(out, /INFO.*tim-account-mock listening on http:\/\/127\.0\.0\.1:\d+/, 'a pretty log line');
  t.notMatch(out, /\{"level":/, 'no JSON lines');
  t.notMatch(out, /very-secret-key/, 'never the secret key');
});

t.test('on a terminal with LOG_FORMAT=json: the banner, and JSON lines', { skip: !hasScript && 'util-linux `script` is not installed' }, async (t) => {
  const out = await onTerminal('LOG_FORMAT=json');
  t.match(out, /is ready/);
  t.match(out, /Mode\s+zero-config/);
  t.match(out, /\{"level":30,.*"msg":"tim-account-mock listening on/);
});

t.test('not on a terminal: no banner, JSON lines; LOG_FORMAT=pretty makes them pretty', async (t) => {
  const plain = await startCli([], { HOST: '0.0.0.0' });
  plain.process.kill('SIGTERM');
  await plain.exited;
  t.notMatch(plain.stdout(), /is ready/, 'no banner');
  const lines = plain.stdout().trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
  const listening = lines.find((line) => String(line.msg).startsWith('tim-account-mock listening on'));
  t.match(listening, {
    address: `http://0.0.0.0:${plain.port}`,
    urls: [`http://127.0.0.1:${plain.port}`],
    msg: new RegExp(`listening on http://0\\.0\\.0\\.0:${plain.port} \\(reach it at http://127\\.0\\.0\\.1:${plain.port}`),
  }, 'the address it listens on, and where to reach it');

  const pretty = spawnNode([CLI], { LOG_FORMAT: 'pretty', PORT: '0' });
  t.teardown(() => pretty.child.kill('SIGKILL'));
  await until(() => /INFO.*tim-account-mock listening on/.test(pretty.stdout()), 30_000, 'a pretty listening line');
  pretty.child.kill('SIGTERM');
  t.equal((await pretty.exited).code, 0);
  t.notMatch(pretty.stdout(), /\{"level":/, 'no JSON lines');
  t.notMatch(pretty.stdout(), /is ready/, 'still no banner: stdout is not a terminal');
});

t.test('the banner names the URLs, the listen address, the mode and the apps, never a secret', async (t) => {
  const text = banner({
    version: '1.2.3',
    address: 'http://0.0.0.0:8080',
    urls: ['http://127.0.0.1:8080', 'http://172.17.0.2:8080'],
    apps: [
      { sdkappid: 1400000001, admin: 'administrator', secretKey: 'k1-secret' },
      { sdkappid: 1400000002, admin: 'ops', secretKey: 'k2-secret' },
    ],
    admin: 'administrator',
    stateFile: '/data/state.json',
    mockToken: true,
  });
  t.match(text, /Listening on\s+http:\/\/0\.0\.0\.0:8080\n\s+Also at\s+http:\/\/172\.17\.0\.2:8080/);
  t.match(text, /Mode\s+declared: 1400000001 \(admin administrator\), 1400000002 \(admin ops\)/);
  t.match(text, /State file\s+\/data\/state\.json/);
  t.match(text, /Bearer <TIM_MOCK_TOKEN>/);
  t.notMatch(text, /secret/);
});

t.test('0.0.0.0 listens on every interface: the URLs are loopback and this machine\'s addresses', async (t) => {
  const all = listenAddresses('0.0.0.0', 8080);
  t.equal(all.address, 'http://0.0.0.0:8080');
  t.equal(all.urls[0], 'http://127.0.0.1:8080');
  t.notOk(all.urls.some((url) => url.includes('0.0.0.0')));
  t.same(listenAddresses('127.0.0.1', 9000), { address: 'http://127.0.0.1:9000', urls: ['http://127.0.0.1:9000'] });
  t.same(listenAddresses('::1', 9000).address, 'http://[::1]:9000');
});
