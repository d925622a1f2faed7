import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t, { type Test } from 'tap';
import { ConfigError } from '../src/shared/mock-errors.js';
import { optionsFromProcess } from '../src/config/settings.js';
import { assertVendorShaped, envelope, IMPORT } from './helper.js';

const root = fileURLToPath(new URL('..', import.meta.url));
/** Generous: a cold start compiles TypeScript on a shared machine. */
const START_TIMEOUT_MS = 30_000;

interface Cli {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the first stdout line matching `pattern`; rejects past the timeout or at exit. */
  line(pattern: RegExp): Promise<string>;
  exited: Promise<number | null>;
}

function cli(t: Test, args: string[], env: Record<string, string> = {}): Cli {
  const child = spawn(process.execPath, ['src/cli/main.ts', ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', NODE_OPTIONS: process.env.NODE_OPTIONS ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (s: string) => (out += s));
  child.stderr?.setEncoding('utf8').on('data', (s: string) => (err += s));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  t.teardown(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  const line = (pattern: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no line matching ${pattern} within ${START_TIMEOUT_MS} ms:\n${out}${err}`)), START_TIMEOUT_MS);
      const check = () => {
        const found = out.split('\n').find((l) => pattern.test(l));
        if (found !== undefined) {
          clearTimeout(timer);
          child.stdout?.off('data', check);
          resolve(found);
        }
      };
      child.stdout?.on('data', check);
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`exited before a line matching ${pattern}:\n${out}${err}`));
      });
      check();
    });
  return { child, stdout: () => out, stderr: () => err, line, exited };
}

const listeningUrl = async (c: Cli): Promise<string> => {
  const line = JSON.parse(await c.line(/"url":"http/)) as { url: string; msg: string };
  return line.url;
};

async function importOne(t: Test, url: string, query: Record<string, string> = {}): Promise<number> {
  const res = await fetch(`${url}${IMPORT}?${new URLSearchParams(envelope(query))}`, { method: 'POST', body: '{"Identifier":"cli_user"}' });
  const reply = assertVendorShaped(t, { statusCode: res.status, headers: { 'content-type': res.headers.get('content-type') }, body: await res.text() });
  return reply.ErrorCode;
}

t.test('zero-config: logs its URL and one warning, serves, and SIGTERM exits 0', async (t) => {
  const c = cli(t, [], { PORT: '0' });
  const url = await listeningUrl(c);
  t.match(url, /^http:\/\/127\.0\.0\.1:\d+$/, 'listens on 127.0.0.1 by default, on the port it logs');
  t.equal(await importOne(t, url), 0, 'the URL it logs serves the vendor API');
  c.child.kill('SIGTERM');
  t.equal(await c.exited, 0, 'SIGTERM: exit code 0');
  const warnings = c.stdout().split('\n').filter((l) => l.includes('zero-config mode'));
  t.equal(warnings.length, 1, 'the zero-config warning appears once');
  t.equal(c.stdout().split('\n').filter((l) => l.includes('"msg":"request"')).length, 1, 'one line for the one request');
  t.notMatch(c.stdout(), 'any-sig', 'the usersig is not logged');
});

t.test('declared by a config file and flags, which win over the environment; SIGINT exits 0', async (t) => {
  const key = 'cli-secret-key-do-not-log';
  const config = join(mkdtempSync(join(tmpdir(), 'tim-cli-')), 'apps.json');
  writeFileSync(config, JSON.stringify({ apps: [{ sdkappid: 1400000001, secretKey: 'k1' }, { sdkappid: 1400000002, secretKey: 'k2' }] }));
  const c = cli(t, ['--port', '0', '--config', config, '--sdkappid', '1400000003', '--secret-key', key], {
    PORT: 'not-a-port',
    TIM_SDKAPPID: 'bad',
  });
  const url = await listeningUrl(c);
  for (const sdkappid of ['1400000001', '1400000002', '1400000003']) {
    t.equal(await importOne(t, url, { sdkappid }), 70003, `app ${sdkappid} is declared and verifies UserSigs`);
  }
  t.equal(await importOne(t, url, { sdkappid: '1400000004' }), 60006, 'only the declared apps exist');
  c.child.kill('SIGINT');
  t.equal(await c.exited, 0, 'SIGINT: exit code 0');
  t.notMatch(c.stdout(), 'zero-config mode', 'no zero-config warning in declared mode');
  t.notMatch(c.stdout() + c.stderr(), key, 'the secret key is never logged');
});

/** The ConfigError message the CLI would print for these arguments and variables (in process). */
function refusal(args: string[], env: Record<string, string>): string {
  try {
    optionsFromProcess(args, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  return '(accepted)';
}

const BAD_SETTINGS: [string[], Record<string, string>, RegExp][] = [
  [[], { PORT: 'abc' }, /PORT/],
  [['--rate-limit', 'fast'], {}, /--rate-limit/],
  [[], { TIM_SDKAPPID: '1400000001' }, /TIM_SECRET_KEY/],
  [['--config', '/nonexistent/apps.json'], {}, /\/nonexistent\/apps\.json/],
];

// The rule in process, every case; one CLI child shows what a refusal does to the process.
t.test('a bad setting stops the start with a message naming it', async (t) => {
  for (const [args, env, named] of BAD_SETTINGS) t.match(refusal(args, env), named, `${args.join(' ')} ${JSON.stringify(env)}: the message names the setting`);
  const c = cli(t, [], { PORT: 'abc' });
  t.equal(await c.exited, 2, 'the CLI exits 2');
  t.match(c.stderr(), /PORT/, 'stderr names the setting');
  t.notMatch(c.stdout(), /listening/, 'it never listened');
});

t.test('stderr never shows a secret: a config file that is not JSON, a key given to --port, a bad mock token', async (t) => {
  const key = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
  const config = join(mkdtempSync(join(tmpdir(), 'tim-cli-secret-')), 'apps.json');
  writeFileSync(config, `{"apps":[{"sdkappid":1400000001,"secretKey":${key}}]}`);
  const cases: [string[], Record<string, string>, RegExp][] = [
    [['--config', config], {}, /apps\.json is not valid JSON \(line 1, column 45\)/],
    [['--port', key], {}, /--port must be a whole number from 0 to 65535; got 64 characters of hex digits/],
    [['--sdkappid', '1400000001', key], {}, /unexpected argument \(64 characters of hex digits\)/],
    [[], { TIM_MOCK_TOKEN: `${key} ` }, /the mock token \(TIM_MOCK_TOKEN, --mock-token\) must be visible ASCII/],
  ];
  const pieces = (text: string) => Array.from({ length: key.length - 5 }, (_, j) => key.slice(j, j + 6)).filter((piece) => text.includes(piece));
  for (const [i, [args, env, expected]] of cases.entries()) {
    const message = refusal(args, env);
    t.match(message, expected, `case ${i}: the message says what is wrong`);
    t.same(pieces(message), [], `case ${i}: no piece of the key in it`);
  }
  // What the CLI prints is that message: one child, the config file case.
  const c = cli(t, ['--config', config]);
  t.equal(await c.exited, 2, 'the CLI exits 2');
  t.match(c.stderr(), cases[0]?.[2] ?? /never/, 'stderr says what is wrong');
  t.same(pieces(c.stderr()), [], 'no piece of the key on stderr');
});
