import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import t from 'tap';
import { ROOT, until } from './child.js';

const run = promisify(execFile);
const docker = (args: string[], timeout = 120_000) => run('docker', args, { cwd: ROOT, timeout, maxBuffer: 64 * 1024 * 1024 });

// Building the image installs the dependencies in it: minutes on a cold engine.
t.setTimeout(900_000);

const IMAGE = 'tim-account-mock:test';
const BASE = /^FROM (\S+)/m.exec(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'))?.[1] ?? '';

/**
 * Why the engine test cannot run here, or undefined when it can. Only a missing engine or base
 * image skips it, saying how to get them; .ci/run provides both and sets TIM_REQUIRE_ENGINE=1,
 * which turns the skip into a failure. A build that fails is a failure.
 */
async function engineMissing(): Promise<string | undefined> {
  try {
    await docker(['info', '--format', '{{.ServerVersion}}'], 20_000);
  } catch {
    return 'no container engine answers `docker info` (Docker Engine 20.10 or later: apt-get install docker.io, then start dockerd)';
  }
  try {
    await docker(['image', 'inspect', BASE], 20_000);
  } catch {
    return `the base image ${BASE} is not on this engine (docker pull ${BASE}, or .ci/base-image builds a stand-in)`;
  }
  return undefined;
}

const missing = await engineMissing();
if (missing !== undefined && process.env.TIM_REQUIRE_ENGINE === '1') {
  t.fail(`TIM_REQUIRE_ENGINE=1, but ${missing}`);
}

interface Health {
  Status: string;
  Log: Array<{ Start: string; ExitCode: number }>;
}

t.test('on a real engine: flags and variables, health within 3 s of ready, state kept across a restart, stop within grace, another UID', { skip: missing }, async (t) => {
  await docker(['build', '--quiet', '-t', IMAGE, '.'], 900_000);
  const names: string[] = [];
  const volumeName = `tim-account-mock-test-${process.pid}`;
  t.teardown(async () => {
    for (const name of names) await docker(['rm', '-f', name]).catch(() => undefined);
    await docker(['volume', 'rm', '-f', volumeName]).catch(() => undefined);
  });
  const start = async (name: string, args: string[]) => {
    names.push(name);
    await docker(['run', '-d', '--name', name, ...args]);
  };
  const inspect = async <T>(name: string, format: string): Promise<T> => JSON.parse((await docker(['inspect', '-f', `{{json ${format}}}`, name])).stdout) as T;
  const healthy = (name: string) => until(async () => (await inspect<Health>(name, '.State.Health')).Status === 'healthy', 60_000, `${name} healthy`);
  const baseUrl = async (name: string, port: number) => {
    const [mapping = ''] = (await docker(['port', name, `${port}/tcp`])).stdout.trim().split('\n');
    return `http://${mapping.replace('0.0.0.0', '127.0.0.1')}`;
  };
  /** The time of the "listening" log line, and the address it names. */
  const listening = async (name: string) => {
    const lines = (await docker(['logs', name])).stdout.split('\n').filter((line) => line.startsWith('{'));
    return lines.map((line) => JSON.parse(line) as { time: number; msg: string; address?: string }).find((line) => line.msg.startsWith('tim-account-mock listening'));
  };

  // Arguments are flags: the port comes from --port, and the health check follows it.
  const envApp = ['-e', 'TIM_SDKAPPID=1400000001', '-e', 'TIM_SECRET_KEY=test-secret'];
  await start('tim-flags', ['-p', '127.0.0.1::9000', ...envApp, IMAGE, '--port', '9000']);
  await healthy('tim-flags');
  const ready = await listening('tim-flags');
  t.equal(ready?.address, 'http://0.0.0.0:9000', 'the log says where it listens');
  const health = await inspect<Health>('tim-flags', '.State.Health');
  const firstOk = health.Log.find((probe) => probe.ExitCode === 0);
  const lag = firstOk === undefined ? Number.NaN : Date.parse(firstOk.Start) - (ready?.time ?? 0);
  t.ok(lag < 3000, `the first passing check started within 3 s of the listening line (${lag} ms)`);

  const base = await baseUrl('tim-flags', 9000);
  // The README's declared-mode curl path: a sig from the endpoint, then a vendor call with it.
  const sig = (await (await fetch(`${base}/__mock/apps/1400000001/usersig`, { method: 'POST' })).json()) as { usersig: string };
  const query = (usersig: string) => `sdkappid=1400000001&identifier=administrator&usersig=${usersig}&random=1&contenttype=json`;
  t.match(await (await fetch(`${base}/v4/im_open_login_svc/account_import?${query(sig.usersig)}`, { method: 'POST', body: '{"UserID":"alice01"}' })).json(), { ErrorCode: 0 });
  t.match(await (await fetch(`${base}/__mock/reset`, { method: 'POST' })).json(), { reset: true });
  t.same(await (await fetch(`${base}/__mock/accounts`)).json(), { accounts: [] });

  // The usersig subcommand, through the entrypoint.
  const printed = (await docker(['run', '--rm', IMAGE, 'usersig', '--sdkappid', '1400000001', '--secret-key', 'test-secret'])).stdout.trim();
  t.match(printed, /^[A-Za-z0-9*_-]+$/, 'a UserSig, URL-safe');

  // Variables instead of flags: PORT and the state file; an account saved on `docker stop`.
  const volume = ['-v', `${volumeName}:/data`, '-e', 'TIM_STATE_FILE=/data/state.json'];
  await start('tim-node', ['-p', '127.0.0.1::9100', '-e', 'PORT=9100', ...volume, IMAGE]);
  await healthy('tim-node');
  t.equal((await listening('tim-node'))?.address, 'http://0.0.0.0:9100', 'PORT from the environment; the health check follows it');
  // Zero-config mode: any app, any signature.
  const imported = await fetch(`${await baseUrl('tim-node', 9100)}/v4/im_open_login_svc/account_import?${query('any-sig')}`, { method: 'POST', body: '{"UserID":"kept01"}' });
  t.match(await imported.json(), { ErrorCode: 0 }, 'an account is imported');
  const stopStarted = Date.now();
  await docker(['stop', 'tim-node']);
  const stopTook = Date.now() - stopStarted;
  t.ok(stopTook < 10_000, `docker stop returned within its 10 s grace (${stopTook} ms), so SIGTERM closed it`);
  t.equal(await inspect<number>('tim-node', '.State.ExitCode'), 0, 'exit code 0: a clean close, not a kill');

  // The same volume, the container run as another UID (group 0): the account is there, and its save on stop succeeds.
  await start('tim-other-uid', ['-p', '127.0.0.1::8080', '--user', '12345', ...volume, IMAGE]);
  await healthy('tim-other-uid');
  const accounts = await (await fetch(`${await baseUrl('tim-other-uid', 8080)}/__mock/accounts`)).text();
  t.match(accounts, /"kept01"/, 'the account survived the restart in the state volume');
  await docker(['stop', 'tim-other-uid']);
  t.equal(await inspect<number>('tim-other-uid', '.State.ExitCode'), 0, 'its save on stop succeeded');
});
