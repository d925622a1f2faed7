import t from 'tap';
import { build } from '../helper.js';

const SECRET = 'TOPSECRET';

/** One unknown path under every route prefix the process serves, and unknown methods on known paths. */
const MISSES: Array<{ method: 'GET' | 'POST' | 'DELETE'; path: string }> = [
  { method: 'GET', path: '/nope' },
  { method: 'GET', path: '/health/nope' },
  { method: 'DELETE', path: '/health' },
  { method: 'GET', path: '/__mock/nope' },
  { method: 'DELETE', path: '/__mock/clock/nope' },
  { method: 'GET', path: '/documentation/nope' },
  { method: 'GET', path: '/documentation/static/nope.js' },
  { method: 'GET', path: '/documentation/json/nope' },
  { method: 'POST', path: '/documentation/json' },
  { method: 'GET', path: '/v4/nope' },
];

t.test('every 404 in the process names the path, never the query', async (t) => {
  const { app } = build(t);
  for (const { method, path } of MISSES) {
    const res = await app.inject({ method, url: `${path}?usersig=${SECRET}&x=1` });
    t.notOk(res.body.includes(SECRET), `${method} ${path}: the query is not echoed`);
    t.notOk(res.body.includes('x=1'), `${method} ${path}: no part of it`);
    if (path.startsWith('/v4/')) {
      t.equal(res.json().ErrorCode, 60009, `${path}: an unknown vendor command`);
      continue;
    }
    t.equal(res.statusCode, 404, `${method} ${path}: 404`);
    t.match(res.json(), { statusCode: 404, message: new RegExp(`${method} ${path.replace(/[.*]/g, '\\$&')}$`) }, `${method} ${path}: the path is named`);
  }
});

t.test('/documentation/static/index.html with a query redirects once, to the UI, not to itself', async (t) => {
  const { app } = build(t);
  const res = await app.inject({ method: 'GET', url: '/documentation/static/index.html?x=1' });
  t.equal(res.statusCode, 302);
  t.equal(res.headers.location, '/documentation/');
  const page = await app.inject({ method: 'GET', url: String(res.headers.location) });
  t.equal(page.statusCode, 200, 'the redirect lands on the UI');
  t.match(page.body, /swagger-ui/i);
});
