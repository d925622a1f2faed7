import { readFileSync, writeFileSync } from 'node:fs';
import t from 'tap';
import { build } from '../helper.js';
import { json } from './json.js';
import { coverageMarkdown } from '../../src/control/coverage.js';
import { catalogue } from '../../src/tim/catalogue/index.js';

const DOC = new URL('../../docs/coverage.md', import.meta.url);

t.test('GET /__mock/coverage lists every routed command and how it answers', async (t) => {
  const { app } = build(t, { rateLimits: { kick: 7 } });
  const res = await json(app, 'GET', '/__mock/coverage');
  t.equal(res.status, 200);
  const rows = res.body.commands as { path: string; served: string; section: string; rateLimit: number; codes: number[] }[];
  for (const e of catalogue) t.ok(rows.some((r) => r.path === `/v4/${e.service}/${e.command}`), `${e.command} is listed`);
  t.match(rows.find((r) => r.path === '/v4/im_open_login_svc/account_import'), { served: 'emulated', section: 'account', rateLimit: 1000 });
  t.match(rows.find((r) => r.path === '/v4/group_open_http_svc/get_group_attr'), { served: 'stub', section: 'group', rateLimit: 200, codes: [10004, 60006, 60010] });
  t.match(rows.find((r) => r.path === '/v4/im_open_login_svc/kick'), { rateLimit: 7 });
  t.match(rows.find((r) => r.path === '/v4/openim/querystate'), { served: 'emulated' });
});

t.test('docs/coverage.md is the coverage of a default emulator (UPDATE_COVERAGE=1 rewrites it)', async (t) => {
  const { app } = build(t);
  const expected = coverageMarkdown((await json(app, 'GET', '/__mock/coverage')).body.commands);
  if (process.env.UPDATE_COVERAGE === '1') writeFileSync(DOC, expected);
  t.equal(readFileSync(DOC, 'utf8'), expected, 'docs/coverage.md is stale: run UPDATE_COVERAGE=1 npx tap test/control/coverage.test.ts');
});
