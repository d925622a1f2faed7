import t from 'tap';
import { build, call, IMPORT } from '../helper.js';
import { json } from './json.js';

t.test('GET /health answers 200 {"status":"ok"} once the app is ready', async (t) => {
  const { app } = build(t);
  const res = await json(app, 'GET', '/health');
  t.equal(res.status, 200);
  t.match(String(res.headers['content-type']), /^application\/json/);
  t.same(res.body, { status: 'ok' });
});

t.test('the health check is not written to the request journal', async (t) => {
  const { app } = build(t);
  await json(app, 'GET', '/health');
  await call(t, app, IMPORT, { Identifier: 'bob' });
  const paths = (await json(app, 'GET', '/__mock/requests')).body.requests.map((r: { path: string }) => r.path);
  t.same(paths, [IMPORT], 'only the vendor call');
});

t.test('the health check logs at debug level only, while other requests log at info', async (t) => {
  const logged = async (logLevel: string) => {
    const lines: string[] = [];
    const { app } = build(t, { logLevel, logStream: { write: (line: string) => void lines.push(line) } });
    await json(app, 'GET', '/health');
    await json(app, 'GET', '/__mock/clock');
    const requests = lines.map((l) => JSON.parse(l) as { level: number; path?: string; msg: string }).filter((l) => l.msg === 'request');
    return (path: string) => requests.filter((l) => l.path === path).map((l) => l.level);
  };
  const debug = await logged('debug');
  t.same(debug('/health'), [20], 'at debug: /health has one line, at debug (20)');
  t.same(debug('/__mock/clock'), [30], 'another request: one line, at info (30)');
  const info = await logged('info');
  t.same(info('/health'), [], 'at info: no /health line');
  t.same(info('/__mock/clock'), [30]);
});
