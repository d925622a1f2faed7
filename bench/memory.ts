import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { bundle, flags, machine, ROOT } from './lib.js';

/**
 * npm run bench:memory -- [--accounts 1000000]
 *
 * RSS of the emulator holding N imported standalone accounts (target: 1e6 in <= 300 MB). The
 * accounts go through account_import's own parse and execute, without HTTP (1e6 calls over
 * HTTP would take minutes and measure the same store), in a fresh `node --expose-gc` process
 * that runs nothing else, and RSS is read after a full GC.
 */
const opts = flags({ accounts: '1000000' });
// The app and account_import's command object, bundled from src/ like dist/ (which exports
// neither); one level below the root, as dist/ is, so that the bundle finds package.json.
const target = join(ROOT, 'bench', '.memory-target.mjs');
await bundle(
  {
    stdin: {
      contents: "export { buildApp } from './src/app.ts'; export { default as accountImport } from './src/tim/v4/im_open_login_svc/account_import.ts';",
      resolveDir: ROOT,
      loader: 'ts',
    },
  },
  target,
);

const worker = `
const { buildApp, accountImport } = await import(${JSON.stringify(pathToFileURL(target).href)});
const app = buildApp({ rateLimit: 0, logger: false });
await app.ready();
const mb = () => { globalThis.gc(); globalThis.gc(); return process.memoryUsage(); };
const base = mb();
const { store, clock, options } = app.mock;
const appOf = app.mock.apps.get(1400000001);
const ctx = { app: appOf, caller: appOf.admin, store, clock, options };
const started = performance.now();
for (let i = 0; i < ${opts.accounts}; i++) {
  accountImport.execute(ctx, accountImport.parse({ Identifier: 'user' + i }));
}
const ms = performance.now() - started;
const full = mb();
process.stdout.write(JSON.stringify({ count: store.count(1400000001), ms, base, full }));
`;
const child = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', worker], { encoding: 'utf8', maxBuffer: 1 << 20 });
if (child.status !== 0) throw new Error(child.stderr);
const r = JSON.parse(child.stdout) as { count: number; ms: number; base: NodeJS.MemoryUsage; full: NodeJS.MemoryUsage };
const MB = 1024 * 1024;
const rss = r.full.rss / MB;
const m = machine();
process.stdout.write(
  [
    `machine: ${m.nproc} cores, ${m.cpu}, node ${m.node}, loadavg ${m.loadavg}`,
    `${r.count} accounts imported in ${Math.round(r.ms)} ms`,
    `RSS ${rss.toFixed(1)} MB (empty app ${(r.base.rss / MB).toFixed(1)} MB), heap used ${(r.full.heapUsed / MB).toFixed(1)} MB`,
    `${Math.round((r.full.rss - r.base.rss) / r.count)} bytes of RSS per account`,
    `${rss <= 300 ? 'MET ' : 'MISS'} RSS with ${r.count} accounts <= 300 MB`,
    '',
  ].join('\n'),
);
