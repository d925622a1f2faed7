import Fastify from 'fastify';
import fp from 'fastify-plugin';
import t from 'tap';
import { controlGate } from '../../src/control/gate.js';
import { build } from '../helper.js';
import { json } from './json.js';

t.test('the control plane, built on the first /__mock request, answers every /__mock path', async (t) => {
  const { app } = build(t);
  const [first, second] = await Promise.all([json(app, 'GET', '/__mock/accounts'), json(app, 'GET', '/__mock/apps')]);
  t.equal(first.status, 200, 'two first requests at once');
  t.equal(second.status, 200);
  const bare = await json(app, 'GET', '/__mock');
  t.equal(bare.status, 404, '/__mock itself is the control plane\'s 404');
  t.match(bare.body, { statusCode: 404, message: 'no control route GET /__mock' });
  const res = await app.inject({ method: 'GET', url: '/__mock/accounts' });
  t.equal(res.headers['x-content-type-options'], 'nosniff', 'the request rules still mark the reply');
});

t.test('a control plane that cannot be built answers 500 in JSON, says why in the log, and is tried again', async (t) => {
  const lines: string[] = [];
  const app = Fastify({ logger: { level: 'error', stream: { write: (line: string) => lines.push(line) } } });
  t.teardown(() => app.close());
  app.decorate('mock', {} as never);
  app.register(fp(async () => {}, { name: 'mock-services' }));
  let attempts = 0;
  const gate = controlGate();
  app.register(gate.plugin, {
    instance: () => {
      attempts++;
      throw new Error('no instance today');
    },
  });
  for (const attempt of [1, 2]) {
    const res = await app.inject({ method: 'POST', url: '/__mock/reset', payload: {} });
    t.equal(res.statusCode, 500, `attempt ${attempt}`);
    t.same(res.json(), { statusCode: 500, error: 'Internal Server Error', message: 'internal error in the emulator; see its log' });
    t.equal(res.headers['x-content-type-options'], 'nosniff');
  }
  t.equal(attempts, 2, 'a failed build is not kept');
  t.match(lines.join(''), /the control plane could not be built/);
  await t.rejects(gate.routes(), /no instance today/, 'the OpenAPI document cannot list its routes either');
});
