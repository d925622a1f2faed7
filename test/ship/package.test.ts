import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { IMPORT_PATH, ROOT, spawnNode, startCli, vendorCall } from './child.js';
import { npm, packWorkingTree, run } from './pack.js';

// One pack and one offline production install: tens of seconds.
t.setTimeout(300_000);

const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  engines: { node: string };
  files: string[];
  license: string;
};

t.test('the build runs in prepare (git installs, npm ci, npm pack), never on start', async (t) => {
  t.equal(pkg.scripts.prepare, 'npm run build', 'npm runs prepare for a git dependency, npm ci and npm pack');
  t.equal(pkg.scripts.start, 'node --expose-gc dist/cli.js', 'the built CLI, with gc exposed as its shebang does');
  t.notOk('prestart' in pkg.scripts, 'npm start does not rebuild');
  t.notOk('prepack' in pkg.scripts, 'prepare already builds before a pack');
  t.equal(pkg.engines.node, '>=22', 'the active LTS lines');
  t.match(pkg.scripts.build, /--target=node22\b/, 'the bundles target the oldest Node the engines allow');
});

t.test('the LICENSE file package.json names is there and shipped', async (t) => {
  t.equal(pkg.license, 'MIT');
  const license = await readFile(join(ROOT, 'LICENSE'), 'utf8');
  t.match(license, /^MIT License\n\nCopyright \(c\) 2026 tim-account-mock contributors\n/);
  t.match(license, /THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND/);
  t.ok(pkg.files.includes('LICENSE'));
});

/**
 * What the image's runtime stage does, without Docker: the packed package (`npm pack`, whose
 * prepare builds dist/) with the lock file, `npm ci --omit=dev --ignore-scripts`, then the bin.
 * It starting and answering proves the runtime needs nothing from the dev dependencies.
 */
t.test('the packed package, installed with production dependencies only, starts and answers', async (t) => {
  const scratch = await mkdtemp(join(tmpdir(), 'tim-pack-'));
  t.teardown(() => rm(scratch, { recursive: true, force: true }));

  const { tarball, files: paths } = await packWorkingTree(scratch);
  // esbuild's --splitting puts what is loaded on demand (TLS, interception) and what the entry
  // points share in chunks named <name>-<hash>.js; nothing else is emitted per module.
  const scripts = paths.filter((p) => p.endsWith('.js'));
  t.same(
    scripts.filter((p) => !/^dist\/[a-z-]+-[A-Z0-9]{8}\.js$/.test(p) && !p.startsWith('dist/dashboard/')).sort(),
    ['dist/cli.js', 'dist/healthcheck.js', 'dist/index.js'],
    'prepare built dist/: one bundle per entry point and its chunks, no per-module output',
  );
  const dashboard = (await readdir(join(ROOT, 'src/dashboard/assets'))).map((name) => `dist/dashboard/assets/${name}`);
  t.same(paths.filter((p) => p.startsWith('dist/dashboard/assets/')).sort(), dashboard.sort(), "the build copied the dashboard's files");
  t.ok(scripts.some((p) => /^dist\/generate-[A-Z0-9]{8}\.js$/.test(p)), 'certificate making is a chunk of its own, loaded on demand');
  t.notOk(paths.some((p) => p.startsWith('src/') || p.startsWith('test/')), 'no sources or tests in the package');
  t.ok(paths.includes('LICENSE'), 'the license is in the package');

  const runtime = join(scratch, 'runtime');
  await mkdir(runtime);
  await run('tar', ['xzf', tarball, '-C', runtime]);
  const app = join(runtime, 'package');
  await cp(join(ROOT, 'package-lock.json'), join(app, 'package-lock.json'));
  await npm(['ci', '--omit=dev', '--ignore-scripts'], app);
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
