import t, { type Test } from 'tap';
import type { FastifyInstance } from 'fastify';
import { build, call, IMPORT, SDKAPPID } from '../helper.js';
import { json } from './json.js';

const TOKEN = 's3cret-token';
type Method = 'GET' | 'POST' | 'DELETE' | 'PUT' | 'PATCH';

/** Every /__mock operation the app serves, read from its OpenAPI document, with its path filled in. */
async function controlOperations(app: FastifyInstance): Promise<[Method, string][]> {
  const doc = (await json(app, 'GET', '/documentation/json')).body as { paths: Record<string, Record<string, unknown>> };
  const ops: [Method, string][] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    if (!path.startsWith('/__mock')) continue;
    const url = path.replace('{sdkappid}', String(SDKAPPID)).replace(/\{[^}]+\}/g, 'x');
    for (const method of Object.keys(item)) ops.push([method.toUpperCase() as Method, url]);
  }
  return ops;
}

async function assert401(t: Test, app: FastifyInstance, method: Method, url: string, headers: Record<string, string>, name: string): Promise<void> {
  const res = await json(app, method, url, { headers, ...(method === 'POST' || method === 'PUT' ? { body: {} } : {}) });
  t.equal(res.status, 401, `${method} ${url} ${name}: 401`);
  t.match(res.body, { statusCode: 401, error: 'Unauthorized', message: /Authorization: Bearer/ }, `${method} ${url} ${name}: a JSON message`);
  t.equal(res.headers['www-authenticate'], 'Bearer');
  t.notOk(res.raw.includes(TOKEN), 'the answer does not give the token away');
}

t.test('with a mock token, every /__mock route answers 401 without the right bearer token', async (t) => {
  const { app } = build(t, { mockToken: TOKEN });
  const ops = await controlOperations(app);
  t.ok(ops.length >= 8, `the document lists the control operations (${ops.length})`);
  t.ok(ops.some(([m, u]) => m === 'POST' && u === '/__mock/accounts'));
  const wrong: [string, Record<string, string>][] = [
    ['without Authorization', {}],
    ['with a wrong token', { authorization: 'Bearer wrong-token!' }],
    ['with a longer token', { authorization: `Bearer ${TOKEN}x` }],
    ['with a prefix of the token', { authorization: `Bearer ${TOKEN.slice(0, -1)}` }],
    ['with the token but no scheme', { authorization: TOKEN }],
    ['with another scheme', { authorization: `Basic ${TOKEN}` }],
    ['with an empty bearer', { authorization: 'Bearer ' }],
  ];
  for (const [method, url] of ops) {
    for (const [name, headers] of wrong) await assert401(t, app, method, url, headers, name);
  }
  await assert401(t, app, 'GET', '/__mock/no-such-route', {}, 'an unknown control path');
  t.equal(app.mock.store.count(), 0, 'nothing refused changed anything');
});

t.test('with the right token, control routes answer as usual (the scheme is case-insensitive)', async (t) => {
  const { app } = build(t, { mockToken: TOKEN });
  for (const authorization of [`Bearer ${TOKEN}`, `bearer ${TOKEN}`, `Bearer  ${TOKEN}`]) {
    const res = await json(app, 'GET', '/__mock/accounts', { headers: { authorization } });
    t.same([res.status, res.body], [200, { accounts: [] }], authorization.replace(TOKEN, '<token>'));
  }
  const seeded = await json(app, 'POST', '/__mock/accounts', {
    headers: { authorization: `Bearer ${TOKEN}` },
    body: { accounts: [{ sdkappid: SDKAPPID, kind: 'standalone', identifier: 'bob' }] },
  });
  t.equal(seeded.status, 200);
  const unknown = await json(app, 'GET', '/__mock/no-such-route?usersig=a-secret', { headers: { authorization: `Bearer ${TOKEN}` } });
  t.same([unknown.status, unknown.body.statusCode], [404, 404], 'an unknown control path is a JSON 404 once authorized');
  t.equal(unknown.body.message, 'no control route GET /__mock/no-such-route', 'naming the path, not the query');
});

t.test('with a mock token, /v4, /health and /documentation need none', async (t) => {
  const { app } = build(t, { mockToken: TOKEN });
  t.equal((await call(t, app, IMPORT, { Identifier: 'bob' })).ErrorCode, 0);
  t.same((await json(app, 'GET', '/health')).body, { status: 'ok' });
  t.equal((await json(app, 'GET', '/documentation/json')).status, 200);
});

t.test('with a mock token, the OpenAPI document says the control routes need it', async (t) => {
  const { app } = build(t, { mockToken: TOKEN });
  const doc = (await json(app, 'GET', '/documentation/json')).body;
  t.same(doc.paths['/__mock/accounts'].get.security, [{ mockToken: [] }]);
  t.notOk(doc.paths['/health'].get.security, '/health is open');
  t.notOk(JSON.stringify(doc).includes(TOKEN), 'the document does not hold the token');
});

t.test('without a mock token, the control plane is open', async (t) => {
  const { app } = build(t);
  for (const [method, path] of await controlOperations(app)) {
    // The wait for a callback would hold this call for its longest timeout.
    const url = path === '/__mock/callbacks/next' ? `${path}?timeoutMs=0` : path;
    const res = await json(app, method, url, method === 'POST' || method === 'PUT' ? { body: {} } : {});
    t.not(res.status, 401, `${method} ${url}`);
  }
  t.notOk((await json(app, 'GET', '/documentation/json')).body.paths['/__mock/accounts'].get.security, 'and the document says so');
});
