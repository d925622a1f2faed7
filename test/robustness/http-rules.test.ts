import { request as httpRequest } from 'node:http';
import t, { type Test } from 'tap';
import { startMockServer } from '../../src/in-process.js';
import { assertVendorShaped, build, call, envelope, IMPORT, SDKAPPID } from '../helper.js';
import { RawClient } from './raw-http.js';

const QUERY = new URLSearchParams(envelope()).toString();
const BODY = '{"Identifier":"raw_user"}';

async function server(t: Test) {
  const s = await startMockServer({ rateLimit: 0 });
  t.teardown(() => s.close());
  return s;
}

/** Sends `head` (request line and headers, without the blank line) and a body over a raw socket. */
async function raw(port: number, head: string, body = '') {
  const client = new RawClient(port);
  await client.write(`${head}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  const reply = await client.reply;
  client.socket.destroy();
  return reply;
}

t.test('an HTTP/1.1 request without a Host header: 60002 under /v4, a JSON 400 elsewhere', async (t) => {
  const { port } = await server(t);
  for (const path of [`${IMPORT}?${QUERY}`, `/v4/nope/nope?${QUERY}`]) {
    const reply = await raw(port, `POST ${path} HTTP/1.1`, BODY);
    t.equal(assertVendorShaped(t, reply).ErrorCode, 60002, `${path.split('?')[0]}: a vendor reply`);
  }
  for (const [method, path] of [['GET', '/health'], ['GET', '/__mock/accounts'], ['GET', '/nope'], ['GET', '/documentation/json']]) {
    const reply = await raw(port, `${method} ${path} HTTP/1.1`);
    t.equal(reply.statusCode, 400, `${path}: 400`);
    t.match(JSON.parse(reply.body), { statusCode: 400, error: 'Bad Request', message: 'an HTTP/1.1 request needs a Host header' }, `${path}: says why`);
  }
  const old = await raw(port, `POST ${IMPORT}?${QUERY} HTTP/1.0`, BODY);
  t.equal(assertVendorShaped(t, old).ErrorCode, 0, 'HTTP/1.0 has no Host header to need: served');
});

t.test('an Expect header other than 100-continue: 60002 under /v4, a JSON 417 elsewhere', async (t) => {
  const { port } = await server(t);
  for (const expect of ['foo', '200-ok', 'continue']) {
    const reply = await raw(port, `POST ${IMPORT}?${QUERY} HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: ${expect}`, BODY);
    t.equal(assertVendorShaped(t, reply).ErrorCode, 60002, `Expect: ${expect}`);
  }
  const health = await raw(port, 'GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: foo');
  t.equal(health.statusCode, 417);
  t.match(JSON.parse(health.body), { statusCode: 417, message: 'the Expect header can only be 100-continue' });
  const control = await raw(port, 'GET /__mock/accounts HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: foo');
  t.equal(control.statusCode, 417);
  t.match(JSON.parse(control.body), { statusCode: 417, error: 'Expectation Failed', message: 'the Expect header can only be 100-continue' });
  const cont = await new Promise<{ statusCode: number; headers: Record<string, unknown>; body: string; continued: boolean }>((resolve, reject) => {
    let continued = false;
    const req = httpRequest({ port, method: 'POST', path: `${IMPORT}?${QUERY}`, headers: { expect: '100-Continue', 'content-length': BODY.length } });
    req.on('continue', () => {
      continued = true;
      req.end(BODY);
    });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (s: string) => (body += s));
      res.on('end', () => resolve({ statusCode: res.statusCode ?? 0, headers: res.headers, body, continued }));
    });
    req.on('error', reject);
  });
  t.ok(cont.continued, 'told to continue');
  t.equal(assertVendorShaped(t, cont).ErrorCode, 0, '100-continue is served');
});

t.test('every reply carries X-Content-Type-Options: nosniff', async (t) => {
  const { app } = build(t);
  for (const [method, url] of [
    ['POST', `${IMPORT}?${QUERY}`],
    ['POST', `/v4/nope/nope?${QUERY}`],
    ['GET', `${IMPORT}?${QUERY}`],
    ['GET', '/health'],
    ['GET', '/__mock/accounts'],
    ['GET', '/__mock/nope'],
    ['GET', '/documentation/json'],
    ['GET', '/documentation/'],
    ['GET', '/documentation/static/nope.js'],
    ['GET', '/nope'],
    ['GET', '/bad%escape'],
  ] as const) {
    const res = await app.inject({ method, url, ...(method === 'POST' && { payload: BODY }) });
    t.equal(res.headers['x-content-type-options'], 'nosniff', `${method} ${url.split('?')[0]} (${res.statusCode})`);
  }
  const { port } = await server(t);
  const malformed = await raw(port, 'POST /v4/x HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header');
  t.equal(assertVendorShaped(t, malformed).ErrorCode, 60002, 'malformed HTTP');
  t.equal(malformed.headers['x-content-type-options'], 'nosniff', 'the raw reply to malformed HTTP too');
});

t.test('a browser request from another site never reaches the control plane', async (t) => {
  const { app } = build(t);
  const accounts = { accounts: [{ sdkappid: SDKAPPID, kind: 'standalone', identifier: 'bob' }] };
  for (const origin of ['http://evil.example', 'null', 'http://localhost:81', 'http://localhost', 'file://', 'http://localhost:80.evil.example']) {
    const get = await app.inject({ method: 'GET', url: '/__mock/accounts', headers: { origin } });
    t.equal(get.statusCode, 403, `GET from ${origin}`);
    t.match(get.json(), { statusCode: 403, error: 'Forbidden', message: /another site/ });
    const post = await app.inject({ method: 'POST', url: '/__mock/accounts', headers: { origin }, payload: accounts });
    t.equal(post.statusCode, 403, `POST from ${origin}`);
    const del = await app.inject({ method: 'DELETE', url: '/__mock/accounts', headers: { origin } });
    t.equal(del.statusCode, 403, `DELETE from ${origin}`);
  }
  t.equal(app.mock.store.count(), 0, 'nothing was changed');
  // light-my-request sends Host: localhost:80.
  for (const origin of ['http://localhost:80', 'https://localhost:80', 'HTTP://LOCALHOST:80']) {
    const post = await app.inject({ method: 'POST', url: '/__mock/accounts', headers: { origin }, payload: accounts });
    t.equal(post.statusCode, 200, `same origin ${origin}: allowed`);
    t.equal((await app.inject({ method: 'DELETE', url: '/__mock/accounts', headers: { origin } })).statusCode, 200);
  }
  t.equal((await app.inject({ method: 'GET', url: '/__mock/accounts' })).statusCode, 200, 'no Origin (curl, test code): allowed');
  t.equal((await app.inject({ method: 'GET', url: '/__mock/nope', headers: { origin: 'http://evil.example' } })).statusCode, 403, 'an unknown control path too');
  const vendor = await call(t, app, IMPORT, { Identifier: 'from_a_page' }, { headers: { origin: 'http://evil.example' } });
  t.equal(vendor.ErrorCode, 0, 'the vendor API is not the control plane: served');
});

t.test('another site is refused before the mock token is checked, and even with the right token', async (t) => {
  const { app } = build(t, { mockToken: 'tok-3f9a' });
  const evil = { origin: 'http://evil.example' };
  t.equal((await app.inject({ method: 'GET', url: '/__mock/accounts', headers: evil })).statusCode, 403, 'without the token');
  t.equal((await app.inject({ method: 'GET', url: '/__mock/accounts', headers: { ...evil, authorization: 'Bearer tok-3f9a' } })).statusCode, 403, 'with it');
  t.equal((await app.inject({ method: 'GET', url: '/__mock/accounts', headers: { origin: 'http://localhost:80', authorization: 'Bearer tok-3f9a' } })).statusCode, 200);
});

t.test('a control body that is not JSON (text/plain and others) is 415, as documented', async (t) => {
  const { app } = build(t);
  const body = JSON.stringify({ accounts: [] });
  for (const [method, url] of [['POST', '/__mock/accounts'], ['POST', '/__mock/faults'], ['PUT', '/__mock/state'], ['POST', '/__mock/clock']] as const) {
    for (const type of ['text/plain', 'text/plain; charset=utf-8', 'application/octet-stream']) {
      const res = await app.inject({ method, url, headers: { 'content-type': type }, payload: body });
      t.equal(res.statusCode, 415, `${method} ${url} ${type}`);
      t.match(res.json(), { statusCode: 415, error: 'Unsupported Media Type' });
    }
  }
});
