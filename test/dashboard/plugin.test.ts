import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import t from 'tap';
import { CONTENT_SECURITY_POLICY, dashboardPlugin } from '../../src/dashboard/plugin.js';
import { build } from '../helper.js';

const get = (app: FastifyInstance, url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

/** The relative imports of an ES module (static and dynamic), and any that are not relative. */
function importsOf(source: string): { relative: string[]; other: string[] } {
  const specifiers = [...source.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+)["']/g)].map((m) => m[1] as string);
  return { relative: specifiers.filter((s) => s.startsWith('./')), other: specifiers.filter((s) => !s.startsWith('./')) };
}

t.test('the page is served at / and /__mock/ui with its security headers, and needs no token', async (t) => {
  const { app } = build(t, { mockToken: 'tok' });
  const pages = await Promise.all(['/', '/__mock/ui', '/__mock/ui/'].map((url) => get(app, url)));
  for (const res of pages) {
    t.equal(res.statusCode, 200);
    t.equal(res.headers['content-type'], 'text/html; charset=utf-8');
    t.equal(res.headers['content-security-policy'], CONTENT_SECURITY_POLICY);
    t.equal(res.headers['x-content-type-options'], 'nosniff');
    t.equal(res.body, pages[0]?.body, 'the same page');
  }
  t.match(CONTENT_SECURITY_POLICY, /^default-src 'self'; img-src 'self' http: https:;/, 'only this origin, but images over http(s)');
  t.notMatch(CONTENT_SECURITY_POLICY, /unsafe-inline|unsafe-eval|\*/, 'no inline script, no eval, no wildcard');
  const html = pages[0]?.body ?? '';
  t.notMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/i, 'every script is a file');
  t.notMatch(html, /\son[a-z]+\s*=/i, 'no inline event handler');
  t.notMatch(html, /https?:\/\//, 'nothing from another origin');
  t.equal((await get(app, '/__mock/clock')).statusCode, 401, 'the control API still needs the token');
});

t.test('the page and everything it loads are served with their types, import only each other, and weigh under 100 KB', async (t) => {
  const { app } = build(t);
  const html = (await get(app, '/')).body;
  const linked = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] as string);
  t.match(linked, ['/__mock/ui/favicon.svg', '/__mock/ui/app.css', '/__mock/ui/app.js'], 'the icon, the style sheet, the script');
  let bytes = Buffer.byteLength(html);
  const seen = new Set<string>();
  const queue = [...linked];
  while (queue.length > 0) {
    const url = queue.shift() as string;
    if (seen.has(url)) continue;
    seen.add(url);
    const res = await get(app, url);
    t.equal(res.statusCode, 200, url);
    t.equal(res.headers['x-content-type-options'], 'nosniff', `${url} nosniff`);
    bytes += res.rawPayload.length;
    const type = String(res.headers['content-type']);
    if (url.endsWith('.js')) {
      t.equal(type, 'text/javascript; charset=utf-8', `${url} is served as JavaScript`);
      const { relative, other } = importsOf(res.body);
      t.same(other, [], `${url} imports no bare name or remote URL`);
      t.notMatch(res.body, /sourceMappingURL/, `${url} names no source map`);
      for (const spec of relative) queue.push(new URL(spec, `http://x${url}`).pathname);
    } else if (url.endsWith('.css')) {
      t.equal(type, 'text/css; charset=utf-8');
      t.notMatch(res.body, /url\(|@import/, 'the style sheet loads nothing');
    } else {
      t.equal(type, 'image/svg+xml');
    }
  }
  t.ok(seen.has('/__mock/ui/vendor/preact.js') && seen.has('/__mock/ui/vendor/hooks.js') && seen.has('/__mock/ui/vendor/htm.js'), 'the vendored modules');
  const modules = [...seen].filter((url) => url.endsWith('.js') && url !== '/__mock/ui/app.js');
  t.same(linked.slice(3).sort(), modules.sort(), 'every module the script imports is preloaded, and only those');
  t.ok(bytes < 100 * 1024, `the page and its assets: ${bytes} bytes`);
  t.comment(`dashboard: ${seen.size + 1} files, ${bytes} bytes`);
});

t.test('the sources never write markup: no innerHTML, no document.write, no eval', async (t) => {
  const { app } = build(t);
  for (const file of ['app.js', 'lib.js', 'apps.js', 'accounts.js', 'requests.js', 'faults.js', 'clock.js', 'state.js', 'coverage.js']) {
    const res = await get(app, `/__mock/ui/${file}`);
    t.equal(res.statusCode, 200, file);
    t.notMatch(res.body, /innerHTML|outerHTML|insertAdjacentHTML|dangerouslySetInnerHTML|document\.write|\beval\(|new Function/, `${file} writes no markup`);
  }
});

t.test('an unknown file is a JSON 404, and only the three vendored modules are served from packages', async (t) => {
  const { app } = build(t);
  for (const url of ['/__mock/ui/nope.js', '/__mock/ui/vendor/compat.js', '/__mock/ui/vendor/app.js', '/__mock/ui/..%2Fplugin.ts', '/__mock/ui/vendor/..%2F..%2Fpackage.json']) {
    const res = await get(app, url);
    t.equal(res.statusCode, 404, url);
    t.match(res.json(), { statusCode: 404, error: 'Not Found', message: /no dashboard file/ });
  }
});

t.test('files are read on their first request, not at start, and kept; a failed read is tried again', async (t) => {
  const scratch = await mkdtemp(join(tmpdir(), 'tim-dashboard-'));
  t.teardown(() => rm(scratch, { recursive: true, force: true }));
  const folder = join(scratch, 'assets');
  const app = Fastify();
  t.teardown(() => app.close());
  await app.register(dashboardPlugin, { assets: pathToFileURL(`${folder}/`) });
  await app.ready();
  t.pass('the app is ready although the folder does not exist yet');

  t.equal((await get(app, '/')).statusCode, 500, 'a missing folder fails the request');
  await mkdir(folder);
  await writeFile(join(folder, 'index.html'), '<p>first</p>');
  const page = await get(app, '/');
  t.equal(page.statusCode, 200, 'and the next request reads it');
  t.equal(page.body, '<p>first</p>');
  await writeFile(join(folder, 'index.html'), '<p>second</p>');
  t.equal((await get(app, '/__mock/ui')).body, '<p>first</p>', 'kept from the first read');
});
