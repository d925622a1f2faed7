import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import t from 'tap';
import { ROOT, until } from './child.js';

const run = promisify(execFile);
const docker = (args: string[], timeout = 120_000) => run('docker', args, { cwd: ROOT, timeout, maxBuffer: 64 * 1024 * 1024 });

// Building the image pulls node:24-bookworm-slim and installs the dependencies: minutes.
t.setTimeout(900_000);

/** Why the engine test cannot run here, or undefined when it can. */
async function engineMissing(): Promise<string | undefined> {
  try {
    await docker(['info', '--format', '{{.ServerVersion}}'], 20_000);
  } catch {
    return 'no container engine answers `docker info` (install Docker 25+ and start it to run this test)';
  }
  try {
    await docker(['build', '--quiet', '-t', 'tim-account-mock:test', '.'], 900_000);
  } catch (error) {
    return `the image cannot be built here (no registry to pull node:24-bookworm-slim from?): ${(error as Error).message.split('\n')[0]}`;
  }
  return undefined;
}

const missing = await engineMissing();

interface Health {
  Status: string;
  Log: Array<{ Start: string; ExitCode: number }>;
}

t.test('on a real engine: flags, health within a second of ready, another UID, reset and usersig', { skip: missing }, async (t) => {
  const names: string[] = [];
  t.teardown(async () => {
    for (const name of names) await docker(['rm', '-f', name]).catch(() => undefined);
    await docker(['volume', 'rm', '-f', 'tim-account-mock-test-data']).catch(() => undefined);
  });
  const start = async (name: string, args: string[]) => {
    names.push(name);
    await docker(['run', '-d', '--name', name, ...args]);
  };
  const inspect = async <T>(name: string, format: string): Promise<T> => JSON.parse((await docker(['inspect', '-f', `{{json ${format}}}`, name])).stdout) as T;

  // Arguments are flags: the port comes from --port, and the health check follows it.
  await start('tim-flags', ['-p', '127.0.0.1::9000', '-e', 'TIM_SDKAPPID=1400000001', '-e', 'TIM_SECRET_KEY=test-secret', 'tim-account-mock:test', '--port', '9000']);
  await until(async () => (await inspect<Health>('tim-flags', '.State.Health')).Status === 'healthy', 60_000, 'healthy');
  const logs = (await docker(['logs', 'tim-flags'])).stdout;
  const listening = logs.split('\n').map((line) => (line.startsWith('{') ? (JSON.parse(line) as { time: number; msg: string; address?: string }) : undefined)).find((line) => line?.msg.startsWith('tim-account-mock listening'));
  t.equal(listening?.address, 'http://0.0.0.0:9000', 'the log says where it listens');
  const health = await inspect<Health>('tim-flags', '.State.Health');
  const firstOk = health.Log.find((probe) => probe.ExitCode === 0);
  t.ok(firstOk !== undefined && Date.parse(firstOk.Start) - (listening?.time ?? 0) < 1000, 'the first passing check started within a second of the listening line');

  const [mapping = ''] = (await docker(['port', 'tim-flags', '9000/tcp'])).stdout.trim().split('\n');
  const base = `http://${mapping.replace('0.0.0.0', '127.0.0.1')}`;
  // The README's declared-mode curl path: a sig from the endpoint, then a vendor call with it.
  const sig = (await (await fetch(`${base}/__mock/apps/1400000001/usersig`, { method: 'POST' })).json()) as { usersig: string };
  const query = `sdkappid=1400000001&identifier=administrator&usersig=${sig.usersig}&random=1&contenttype=json`;
  t.match(await (await fetch(`${base}/v4/im_open_login_svc/account_import?${query}`, { method: 'POST', body: '{"UserID":"alice01"}' })).json(), { ErrorCode: 0 });
  t.match(await (await fetch(`${base}/__mock/reset`, { method: 'POST' })).json(), { reset: true });
  t.same(await (await fetch(`${base}/__mock/accounts`)).json(), { accounts: [] });

  // The usersig subcommand, through the entrypoint.
  const printed = (await docker(['run', '--rm', 'tim-account-mock:test', 'usersig', '--sdkappid', '1400000001', '--secret-key', 'test-secret'])).stdout.trim();
  t.match(printed, /^[A-Za-z0-9*_-]+$/, 'a UserSig, URL-safe');

  // A state saved by the node user, then the container run as another UID (group 0): it starts and saves.
  const volume = ['-v', 'tim-account-mock-test-data:/data', '-e', 'TIM_STATE_FILE=/data/state.json'];
  await start('tim-node', [...volume, 'tim-account-mock:test']);
  await docker(['stop', 'tim-node']);
  t.equal(await inspect<number>('tim-node', '.State.ExitCode'), 0);
  await start('tim-other-uid', ['--user', '12345', ...volume, 'tim-account-mock:test']);
  await until(async () => (await inspect<Health>('tim-other-uid', '.State.Health')).Status === 'healthy', 60_000, 'healthy as UID 12345');
  await docker(['stop', 'tim-other-uid']);
  t.equal(await inspect<number>('tim-other-uid', '.State.ExitCode'), 0, 'its save on stop succeeded');
});
