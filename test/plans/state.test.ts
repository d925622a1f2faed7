import t from 'tap';
import type { FastifyInstance } from 'fastify';
import { mockControls } from '../../src/in-process.js';
import { STATE_FORMAT, STATE_VERSION, type StateDocument } from '../../src/services/state-file/document.js';
import { build, call, IMPORT, SDKAPPID } from '../helper.js';

const T = '2026-01-01T00:00:00.000Z';
const getState = async (app: FastifyInstance): Promise<StateDocument> => (await app.inject({ method: 'GET', url: '/__mock/state' })).json();
const putState = (app: FastifyInstance, body: unknown) =>
  app.inject({ method: 'PUT', url: '/__mock/state', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });

t.test('a state export and import keep the plan settings changed while running', async (t) => {
  const { app: source } = build(t, { plan: 'trial' });
  const controls = mockControls(source);
  await call(t, source, IMPORT, { UserID: 'a' });
  controls.setApp(SDKAPPID, { plan: 'pro', accountLimit: 7 });
  controls.setApp(9, { deleteEnabled: false });
  controls.setApp(10, { rateLimits: { account_import: 3 } });
  const exported = await getState(source);
  t.same(exported.apps, [
    { sdkappid: SDKAPPID, accounts: [{ identifier: 'a', kind: 'standalone', createdAt: T, updatedAt: T }], deleted: [], settings: { plan: 'pro', accountLimit: 7, deleteEnabled: false, reimportCooldownDays: 90 } },
    { sdkappid: 9, accounts: [], deleted: [], settings: { plan: 'trial', accountLimit: 100, deleteEnabled: false, reimportCooldownDays: 0 } },
  ], 'only changed plan settings go in (app 10 changed a rate limit only)');

  const { app: target } = build(t, { plan: 'trial' });
  const res = await putState(target, exported);
  t.equal(res.statusCode, 200, res.body);
  t.same(res.json(), { apps: 1, accounts: 1 }, 'the summary counts apps with accounts or deletions');
  const targetControls = mockControls(target);
  t.match(targetControls.apps(), [
    { sdkappid: 9, plan: 'trial', accountLimit: 100, deleteEnabled: false },
    { sdkappid: SDKAPPID, plan: 'pro', accountLimit: 7, deleteEnabled: false, reimportCooldownDays: 90, accounts: 1 },
  ]);
  t.same(await getState(target), exported, 'and it exports the same document again');
  t.match(await call(t, target, IMPORT, { UserID: 'b' }), { ErrorCode: 0 });
  t.match(await call(t, target, '/v4/im_open_login_svc/account_delete', { DeleteItem: [{ UserID: 'b' }] }), { ErrorCode: 71000 }, 'the imported settings apply');

  targetControls.reset();
  t.same(targetControls.apps(), [], 'reset() forgets the zero-config apps the import made');
  await call(t, target, IMPORT, { UserID: 'c' });
  t.match(targetControls.apps(), [{ sdkappid: SDKAPPID, plan: 'trial', accountLimit: 100, deleteEnabled: true }], 'made again with the start settings, not the imported ones');
});

t.test('a state document without settings (an older file) loads, and puts every app back to its start settings', async (t) => {
  const { app } = build(t, { apps: [{ sdkappid: SDKAPPID, admin: 'administrator', secretKey: 'k', plan: 'developer' }] });
  mockControls(app).setApp(SDKAPPID, { plan: 'ultimate', rateLimits: { account_check: 4 } });
  const old = { format: STATE_FORMAT, version: STATE_VERSION, apps: [{ sdkappid: SDKAPPID, accounts: [{ identifier: 'x', kind: 'standalone', createdAt: T, updatedAt: T }] }] };
  const res = await putState(app, old);
  t.equal(res.statusCode, 200, res.body);
  t.match(mockControls(app).apps(), [{ plan: 'developer', deleteEnabled: true, accounts: 1 }], 'the whole state is replaced: plan settings too');
  t.match(mockControls(app).apps()[0]?.rateLimits[3], { command: 'account_check', limit: 4 }, 'rate limits are not state and stay');
});

t.test('bad settings in a state document are refused whole, naming the field', async (t) => {
  const { app } = build(t);
  await call(t, app, IMPORT, { UserID: 'kept' });
  const bad: [unknown, RegExp][] = [
    [{ plan: 'gold', accountLimit: null, deleteEnabled: true, reimportCooldownDays: 0 }, /^apps\[0\]\.settings\.plan: /],
    [{ plan: 'pro', accountLimit: -1, deleteEnabled: true, reimportCooldownDays: 0 }, /^apps\[0\]\.settings\.accountLimit: /],
    [{ plan: 'pro', accountLimit: null, deleteEnabled: true }, /^apps\[0\]\.settings\.reimportCooldownDays: /],
    [{ plan: 'pro', accountLimit: null, deleteEnabled: true, reimportCooldownDays: 0, rateLimits: {} }, /^apps\[0\]\.settings\.rateLimits: /],
  ];
  for (const [settings, message] of bad) {
    const res = await putState(app, { format: STATE_FORMAT, version: STATE_VERSION, apps: [{ sdkappid: 5, accounts: [], settings }] });
    t.equal(res.statusCode, 400, JSON.stringify(settings));
    t.match(res.json().message, message);
  }
  t.ok(app.mock.store.get(SDKAPPID, 'kept'), 'nothing changed');
  t.same(mockControls(app).apps().map((a) => a.sdkappid), [SDKAPPID], 'no app was made');
});
