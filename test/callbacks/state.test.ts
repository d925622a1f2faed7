import t, { type Test } from 'tap';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { mockControls } from '../../src/in-process.js';
import { STATE_FORMAT, STATE_VERSION, type StateDocument } from '../../src/services/state-file/document.js';
import { ADMIN, build, SDKAPPID } from '../helper.js';
import { json } from '../control/json.js';

// The callback settings of the vendor's console (https://cloud.tencent.com/document/product/269/1522)
// outlive a restart as the plan settings do; the token, a secret like the app's secret key, stays
// with the configuration and is never written.
const TOKEN = 'state-token-never-written-42';
const CHANGED = { callbackUrl: 'http://127.0.0.1:9/im', callbackCommands: ['Group.CallbackAfterSendMsg' as const], callbackTimeoutMs: 75 };
const putState = (app: FastifyInstance, body: unknown) => json(app, 'PUT', '/__mock/state', { body });

t.test('GET and PUT /__mock/state keep the callback settings changed while running, never the token', async (t) => {
  const { app: source } = build(t);
  const controls = mockControls(source);
  controls.setApp(SDKAPPID, { ...CHANGED, callbackToken: TOKEN });
  controls.setApp(9, { callbackToken: TOKEN });
  const exported = await json(source, 'GET', '/__mock/state');
  t.notMatch(exported.raw, TOKEN, 'the token is in no reply');
  t.same((exported.body as StateDocument).apps, [{ sdkappid: SDKAPPID, accounts: [], deleted: [], callbacks: CHANGED }], 'app 9 changed its token only');

  const { app: target } = build(t);
  t.equal((await putState(target, exported.body)).status, 200);
  t.match(mockControls(target).apps(), [{ sdkappid: SDKAPPID, ...CHANGED, callbackTokenSet: false }]);
  t.same((await json(target, 'GET', '/__mock/state')).body, exported.body, 'it exports the same document again');

  t.equal((await putState(target, { format: STATE_FORMAT, version: STATE_VERSION, apps: [] })).status, 200);
  t.match(mockControls(target).apps(), [{ sdkappid: SDKAPPID, callbackUrl: null, callbackCommands: null, callbackTimeoutMs: null }], 'a document without them puts back the start settings');
});

t.test('bad callback settings in a state document are refused whole, naming the field', async (t) => {
  const { app } = build(t);
  const good = { callbackUrl: null, callbackCommands: null, callbackTimeoutMs: null };
  const bad: Array<[unknown, RegExp]> = [
    [{ ...good, callbackUrl: 'ftp://backend/' }, /^apps\[0\]\.callbacks\.callbackUrl: /],
    [{ ...good, callbackUrl: 'http://' }, /^apps\[0\]\.callbacks\.callbackUrl: /],
    [{ ...good, callbackCommands: ['Nope.Nothing'] }, /^apps\[0\]\.callbacks\.callbackCommands/],
    [{ ...good, callbackTimeoutMs: 0 }, /^apps\[0\]\.callbacks\.callbackTimeoutMs: /],
    [{ callbackUrl: null, callbackCommands: null }, /^apps\[0\]\.callbacks\.callbackTimeoutMs: /],
    [{ ...good, callbackToken: TOKEN }, /^apps\[0\]\.callbacks/],
  ];
  for (const [callbacks, message] of bad) {
    const res = await putState(app, { format: STATE_FORMAT, version: STATE_VERSION, apps: [{ sdkappid: 5, accounts: [], callbacks }] });
    t.equal(res.status, 400, JSON.stringify(callbacks));
    t.match(res.body.message, message);
    t.notMatch(res.raw, TOKEN, 'a token given in a document is not echoed');
  }
  t.same(mockControls(app).apps(), [], 'no app was made');
});

async function scratch(t: Test): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tim-callback-state-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

t.test('the state file: callback settings survive a restart; the configured token is the one used after it', async (t) => {
  const file = join(await scratch(t), 'state.json');
  const apps = [{ sdkappid: SDKAPPID, admin: ADMIN, secretKey: 'k', callbackToken: TOKEN }];
  const first = buildApp({ stateFile: file, apps });
  await first.ready();
  mockControls(first).setApp(SDKAPPID, { ...CHANGED, callbackToken: 'changed-while-running' });
  const shown = (await json(first, 'GET', '/__mock/state')).raw;
  await first.close();

  const saved = await readFile(file, 'utf8');
  t.equal(saved, `${JSON.stringify(JSON.parse(shown), null, 2)}\n`, 'the file is the document GET /__mock/state answers');
  t.notMatch(saved, TOKEN);
  t.notMatch(saved, 'changed-while-running');
  t.match(JSON.parse(saved), { apps: [{ sdkappid: SDKAPPID, callbacks: CHANGED }] });

  const second = buildApp({ stateFile: file, apps });
  t.teardown(() => second.close());
  await second.ready();
  t.match(mockControls(second).apps(), [{ sdkappid: SDKAPPID, ...CHANGED, callbackTokenSet: true }]);
  t.equal(second.mock.apps.get(SDKAPPID)?.settings.callbackToken, TOKEN, 'the configured token, not the one set while running');
});
