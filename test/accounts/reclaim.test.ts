import t from 'tap';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { runInNewContext } from 'node:vm';
import { ControllableClock } from '../../src/model/clock.js';
import { AccountStore } from '../../src/model/accounts/store.js';
import { RECLAIM_AFTER, reclaimMemory } from '../../src/model/accounts/reclaim.js';
import { optionsFromProcess, resolveOptions } from '../../src/config/settings.js';
import { build, SDKAPPID } from '../helper.js';

const run = promisify(execFile);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function fill(store: AccountStore, sdkappid: number, count: number, prefix = 'user'): void {
  for (let i = 0; i < count; i++) store.import(sdkappid, `${prefix}${i}`, {});
}

t.test('a bulk removal of RECLAIM_AFTER accounts and deletions or more asks for a collection, a smaller one does not', async (t) => {
  let reclaims = 0;
  const store = new AccountStore(new ControllableClock(), () => void reclaims++);
  fill(store, 1, RECLAIM_AFTER - 1);
  store.clear();
  t.equal(reclaims, 0, `clearing ${RECLAIM_AFTER - 1} accounts`);

  fill(store, 1, RECLAIM_AFTER - 1);
  fill(store, 2, 1);
  store.clear(1);
  t.equal(reclaims, 0, "clearing one app counts that app's accounts only");
  fill(store, 1, RECLAIM_AFTER - 1);
  store.clear();
  t.equal(reclaims, 1, `clearing ${RECLAIM_AFTER} accounts over two apps`);

  fill(store, 3, RECLAIM_AFTER);
  store.clear(3);
  t.equal(reclaims, 2, `clearing one app of ${RECLAIM_AFTER}`);
  store.clear(4);
  t.equal(reclaims, 2, 'clearing an app never used');

  fill(store, 1, RECLAIM_AFTER - 2);
  fill(store, 1, 2, 'gone');
  for (const id of ['gone0', 'gone1']) store.delete(1, id);
  t.equal(store.count(1), RECLAIM_AFTER - 2);
  store.replace([], []);
  t.equal(reclaims, 3, `replacing ${RECLAIM_AFTER - 2} accounts and 2 remembered deletions (a state import)`);
  store.replace([], []);
  t.equal(reclaims, 3, 'replacing an empty store');
});

t.test('a store built without a reclaim function never asks', async (t) => {
  const store = new AccountStore(new ControllableClock());
  fill(store, 1, RECLAIM_AFTER);
  t.doesNotThrow(() => store.clear());
});

t.test('the CLI reclaims memory; in-process use does not unless asked (it would collect the host heap)', async (t) => {
  t.equal(optionsFromProcess([], {}).reclaimMemory, true);
  t.equal(resolveOptions({}).reclaimMemory, false);
  t.equal(resolveOptions({ reclaimMemory: true }).reclaimMemory, true);
});

t.test('with reclaimMemory, DELETE /__mock/accounts of RECLAIM_AFTER accounts runs a full collection (node --expose-gc)', async (t) => {
  const { stdout } = await run(process.execPath, ['--expose-gc', 'test/accounts/reclaim-child.ts'], {
    cwd: root,
    timeout: 30_000,
  });
  const result = JSON.parse(stdout) as { deleted: number; startedAfterMs: number };
  t.equal(result.deleted, RECLAIM_AFTER);
  t.ok(result.startedAfterMs >= 0, 'a full collection ran after the deletion');
});

t.test('reclaimMemory calls gc once per turn of the event loop, and only when node exposes it', async (t) => {
  const global = globalThis as { gc?: () => void };
  t.equal(global.gc, undefined, 'this process was started without --expose-gc');
  const turn = () => new Promise((resolve) => setImmediate(resolve));

  reclaimMemory();
  let calls = 0;
  global.gc = () => void calls++;
  t.teardown(() => delete global.gc);
  await turn();
  t.equal(calls, 0, 'without gc nothing is scheduled, even once gc appears');

  reclaimMemory();
  reclaimMemory();
  await turn();
  t.equal(calls, 1, 'two asks in one turn collect once');
  reclaimMemory();
  await turn();
  t.equal(calls, 2, 'the next turn may collect again');
});

t.test('without --expose-gc a bulk deletion collects nothing and flips no V8 flag', async (t) => {
  const { app } = build(t, { reclaimMemory: true });
  fill(app.mock.store, SDKAPPID, RECLAIM_AFTER);
  const res = await app.inject({ method: 'DELETE', url: '/__mock/accounts' });
  t.same(res.json(), { deleted: RECLAIM_AFTER });
  await new Promise((resolve) => setImmediate(resolve));
  t.equal(runInNewContext('typeof gc'), 'undefined', 'gc is not exposed to new contexts');
  t.equal(typeof (globalThis as { gc?: unknown }).gc, 'undefined', 'nor on the global object');
});

t.test('the CLI and the image start node with --expose-gc', async (t) => {
  const read = (file: string) => readFileSync(join(root, file), 'utf8');
  t.equal(read('src/cli/main.ts').split('\n', 1)[0], '#!/usr/bin/env -S node --expose-gc', "the bin's shebang");
  t.match(read('Dockerfile'), /^ENTRYPOINT \["node", "--expose-gc", "dist\/cli\.js"\]$/m, "the image's entrypoint");
  t.match(read('package.json'), /"start": "node --expose-gc dist\/cli\.js"/, 'npm start');
});
