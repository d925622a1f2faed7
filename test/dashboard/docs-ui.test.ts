import { createRequire } from 'node:module';
import t from 'tap';
import { build } from '../helper.js';

/** Whether a package's CommonJS entry has been loaded into this process. */
const loaded = (pkg: string): boolean =>
  Object.keys(createRequire(import.meta.url).cache).some((file) => file.includes(`/node_modules/${pkg}/`));

t.test('@fastify/swagger and Swagger UI are loaded on the first request to /documentation, not at start', async (t) => {
  const { app } = build(t);
  await app.ready();
  t.notOk(loaded('@fastify/swagger'), '@fastify/swagger is not loaded by a start');
  t.notOk(loaded('@fastify/swagger-ui'), 'swagger-ui is not loaded by a start');
  t.notOk(loaded('@fastify/static'), 'nor @fastify/static');

  const json = await app.inject({ method: 'GET', url: '/documentation/json' });
  t.equal(json.statusCode, 200);
  t.ok(loaded('@fastify/swagger'), 'the first document request loaded @fastify/swagger (the check sees a loaded package)');
  t.notOk(loaded('@fastify/swagger-ui'), 'the OpenAPI document does not need the UI');

  const page = await app.inject({ method: 'GET', url: '/documentation/' });
  t.equal(page.statusCode, 200);
  t.match(String(page.headers['content-type']), /^text\/html/);
  t.match(page.body, /swagger-ui/i);
  t.ok(loaded('@fastify/swagger-ui'), 'the first page request loaded it');

  const head = await app.inject({ method: 'HEAD', url: '/documentation/static/swagger-ui.css' });
  t.equal(head.statusCode, 200, 'HEAD reaches the assets too');
  t.equal(head.body, '', 'without a body');
  const missing = await app.inject({ method: 'GET', url: '/documentation/static/no-such-file.js' });
  t.equal(missing.statusCode, 404, "the UI's own 404 comes through");
});

t.test('/documentation/yaml is the same document as /documentation/json, in YAML', async (t) => {
  const { app } = build(t);
  const json = (await app.inject({ method: 'GET', url: '/documentation/json' })).json() as { info: { title: string }; paths: Record<string, unknown> };
  const yaml = await app.inject({ method: 'GET', url: '/documentation/yaml' });
  t.equal(yaml.statusCode, 200);
  t.match(String(yaml.headers['content-type']), /^application\/x-yaml/);
  t.match(yaml.body, new RegExp(`title: ${json.info.title}`));
  for (const path of Object.keys(json.paths)) t.ok(yaml.body.includes(`${path}:`), `${path} is in the YAML`);
});
