import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import t from 'tap';
import { IMPORT_PATH, ROOT, spawnNode, startCli, vendorCall } from './child.js';

const run = promisify(execFile);

// One pack and one offline production install: tens of seconds.
t.setTimeout(300_000);

/**
 * What the image's runtime stage does, without Docker: the packed package (`npm pack`, whose
 * prepack builds dist/) with the lock file, `npm ci --omit=dev --ignore-scripts`, then the bin.
 * It starting and answering proves the runtime needs nothing from the dev dependencies.
 */
t.test('the packed package, installed with production dependencies only, starts and answers', async (t) => {
  const scratch = await mkdtemp(join(tmpdir(), 'tim-pack-'));
  t.teardown(() => rm(scratch, { recursive: true, force: true }));

  // A copy of the project to pack, so that its build does not touch this checkout's dist/.
  const project = join(scratch, 'project');
  await mkdir(project);
  for (const entry of ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'README.md', 'src', 'fixtures']) {
    await cp(join(ROOT, entry), join(project, entry), { recursive: true });
  }
  await symlink(join(ROOT, 'node_modules'), join(project, 'node_modules'), 'dir');
  const npmEnv = { ...process.env, npm_config_update_notifier: 'false' };
  const packed = await run('npm', ['pack', '--json', '--pack-destination', scratch], { cwd: project, env: npmEnv });
  const [{ filename, files }] = JSON.parse(packed.stdout) as [{ filename: string; files: Array<{ path: string }> }];
  const paths = files.map((f) => f.path);
  // esbuild's --splitting puts what is loaded on demand (TLS, interception) and what the entry
  // points share in chunks named <name>-<hash>.js; nothing else is emitted per module.
  const scripts = paths.filter((p) => p.endsWith('.js'));
  t.same(
    scripts.filter((p) => !/^dist\/[a-z-]+-[A-Z0-9]{8}\.js$/.test(p) && !p.startsWith('dist/dashboard/')).sort(),
    ['dist/cli.js', 'dist/healthcheck.js', 'dist/index.js'],
    'prepack built dist/: one bundle per entry point and its chunks, no per-module output',
  );
  const dashboard = (await readdir(join(ROOT, 'src/dashboard/assets'))).map((name) => `dist/dashboard/assets/${name}`);
  t.same(paths.filter((p) => p.startsWith('dist/dashboard/assets/')).sort(), dashboard.sort(), "the build copied the dashboard's files");
  t.ok(scripts.some((p) => /^dist\/generate-[A-Z0-9]{8}\.js$/.test(p)), 'certificate making is a chunk of its own, loaded on demand');
  t.notOk(paths.some((p) => p.startsWith('src/') || p.startsWith('test/')), 'no sources or tests in the package');

  const runtime = join(scratch, 'runtime');
  await mkdir(runtime);
  await run('tar', ['xzf', join(scratch, filename), '-C', runtime]);
  const app = join(runtime, 'package');
  await cp(join(ROOT, 'package-lock.json'), join(app, 'package-lock.json'));
  await run('npm', ['ci', '--omit=dev', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: app, env: npmEnv });
  for (const dev of ['typescript', 'tsx', 'tap']) t.notOk(existsSync(join(app, 'node_modules', dev)), `${dev} is not installed`);

  const { bin, version } = JSON.parse(await readFile(join(app, 'package.json'), 'utf8')) as { bin: Record<string, string>; version: string };
  const binPath = bin['tim-account-mock'] as string;
  // Run as a shell would: the bundle's hashbang and mode survived the pack, and it finds its
  // package.json's version from dist/.
  t.equal((await run(join(app, binPath), ['--version'], { cwd: app })).stdout, `${version}\n`, 'the bin runs by itself');

  const child = await startCli([], { NODE_ENV: 'production' }, [binPath], app);
  t.teardown(() => {
    if (child.process.exitCode === null) child.process.kill('SIGKILL');
  });
  t.match(await vendorCall(t, child.url, IMPORT_PATH, { Identifier: 'from-the-package' }), { ErrorCode: 0 });
  // The bundle finds the dashboard's files beside it, and preact and htm among the production dependencies.
  const page = await fetch(`${child.url}/`);
  t.equal(page.status, 200, 'the dashboard page');
  t.match(await page.text(), /<script type="module" src="\/__mock\/ui\/app\.js">/);
  for (const file of ['app.js', 'app.css', 'vendor/preact.js', 'vendor/hooks.js', 'vendor/htm.js']) {
    t.equal((await fetch(`${child.url}/__mock/ui/${file}`)).status, 200, `the dashboard's ${file}`);
  }
  t.match(
    await vendorCall(t, child.url, '/v4/registration_service/register_account_v1', { Identifier: 'packaged.user', IdentifierType: 3, Password: 'pas122333' }),
    { ErrorCode: 0 },
  );

  const health = spawnNode(['dist/healthcheck.js'], { PORT: String(child.port), HOST: '' }, app);
  t.equal((await health.exited).code, 0, `the compiled health check passes ${health.stderr()}`);

  child.process.kill('SIGTERM');
  t.equal((await child.exited).code, 0);
});
