import t from 'tap';
import Fastify, { type RouteOptions } from 'fastify';
import { controlPlugin } from '../../src/control/index.js';
import { commandPath } from '../../src/tim/command.js';
import { commands } from '../../src/tim/v4/index.js';
import { servedCommands } from '../../src/tim/catalogue/index.js';
import { build } from '../helper.js';
import { json } from './json.js';

interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
}
type Doc = { openapi: string; info: { title: string; version: string }; paths: Record<string, Record<string, Operation>>; components?: unknown };

/**
 * Builds an app, noting every route it registers and every route of its control plane (an
 * instance of its own, built here as the app builds it on the first /__mock request), and
 * reads its OpenAPI document.
 */
async function documented(t: Parameters<typeof build>[0]) {
  const { app } = build(t);
  const routes: RouteOptions[] = [];
  app.addHook('onRoute', (route) => {
    routes.push(route);
  });
  const control = Fastify();
  t.teardown(() => control.close());
  control.addHook('onRoute', (route) => {
    routes.push(route);
  });
  control.decorate('mock', app.mock);
  await control.register(controlPlugin, { prefix: '/__mock' });
  const res = await json(app, 'GET', '/documentation/json');
  t.equal(res.status, 200);
  return { app, routes, doc: res.body as Doc };
}

const openapiPath = (url: string): string => url.replace(/:([A-Za-z]+)/g, '{$1}');

t.test('/documentation/json is an OpenAPI 3 document of every route but the hidden ones, and of every command', async (t) => {
  const { routes, doc } = await documented(t);
  t.match(doc.openapi, /^3\.\d+\.\d+$/);
  t.equal(doc.info.title, 'tim-account-mock');
  t.type(doc.info.version, 'string');

  const expected = new Set<string>();
  for (const route of routes) {
    if ((route.schema as { hide?: boolean } | undefined)?.hide) continue;
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') expected.add(`${method.toLowerCase()} ${openapiPath(route.url)}`);
    }
  }
  // The commands share one hidden catch-all route, and each is described as an operation of its own.
  for (const command of servedCommands(commands, { refuse: false })) expected.add(`post ${commandPath(command)}`);
  const listed = new Set(Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((m) => `${m} ${path}`)));
  t.same([...listed].sort(), [...expected].sort(), 'the document lists exactly the visible routes and the commands');
  for (const required of ['get /health', 'get /__mock/accounts', 'post /__mock/accounts', 'delete /__mock/accounts', 'get /__mock/accounts/{sdkappid}/{identifier}', 'get /__mock/clock', 'post /__mock/clock', 'delete /__mock/clock']) {
    t.ok(listed.has(required), required);
  }
  for (const [key, op] of Object.entries(doc.paths).flatMap(([p, item]) => Object.entries(item).map(([m, o]) => [`${m} ${p}`, o] as const))) {
    t.ok(op.summary, `${key} has a summary`);
    t.ok(op.responses && Object.keys(op.responses).length > 0, `${key} documents its responses`);
    t.ok(op.tags?.length, `${key} is tagged`);
  }

  // Every reference points at something in the document.
  const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
  for (const ref of refs) {
    const pointer = (JSON.parse(`{${ref}}`) as { $ref: string }).$ref;
    t.match(pointer, /^#\//, `${pointer} is local`);
    const target = pointer.slice(2).split('/').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], doc);
    t.ok(target, `${pointer} resolves`);
  }
});

t.test('each vendor command is documented with its envelope, body, reply and every error code it can answer', async (t) => {
  const { doc } = await documented(t);
  for (const command of commands) {
    const path = commandPath(command);
    const item = doc.paths[path];
    t.ok(item, path);
    if (!item) continue;
    t.same(Object.keys(item), ['post'], `${path}: POST only (the method catch-all is hidden)`);
    const op = item.post as Operation;
    const query = new Map((op.parameters ?? []).filter((p) => p.in === 'query').map((p) => [p.name, p.required === true]));
    t.same(Object.fromEntries(query), { sdkappid: true, identifier: true, usersig: true, random: false, contenttype: false }, `${path}: the URL envelope`);
    t.ok(op.requestBody?.content['application/json']?.schema, `${path}: the body`);
    t.match(op.responses['200']?.content?.['application/json']?.schema, { properties: { ActionStatus: {}, ErrorCode: {}, ErrorInfo: {} } }, `${path}: the reply`);
    const { codes } = command;
    for (const entry of [codes.invalidSdkAppId, codes.badRequest, codes.notAdmin, ...codes.own]) {
      t.ok(op.description?.includes(`- ${entry.code}: ${entry.info}`), `${path}: lists ${entry.code}`);
    }
    for (const common of [60012, 60004, 60002, 60003, 60007, 60008, 70001, 70003, 70009, 70013, 70014, 70500]) {
      t.ok(op.description?.includes(`- ${common}: `), `${path}: lists ${common}`);
    }
  }
  // Every code of the seed pages' tables that a field check can answer.
  const described = (path: string) => (doc.paths[path]?.post as Operation | undefined)?.description ?? '';
  for (const code of [70402, 70405, 70411, 70418, 70419, 70421, 70425]) {
    t.match(described('/v4/registration_service/register_account_v1'), `- ${code}: `, `register_account_v1 lists ${code}`);
  }
  for (const code of [70402, 70403, 70404, 40601, 70399]) {
    t.match(described('/v4/im_open_login_svc/account_import'), `- ${code}: `, `account_import lists ${code}`);
  }
});

t.test('control routes document their input and their JSON errors', async (t) => {
  const { doc } = await documented(t);
  const list = doc.paths['/__mock/accounts']?.get as Operation;
  t.match(list.parameters, [{ name: 'sdkappid', in: 'query', required: false }]);
  t.ok(list.responses['400'], 'a 400');
  t.ok(list.responses['401'], 'a 401 (with a mock token)');
  const seed = doc.paths['/__mock/accounts']?.post as Operation;
  t.match(JSON.stringify(seed.requestBody), /identifierType/, 'the seed body');
  const one = doc.paths['/__mock/accounts/{sdkappid}/{identifier}']?.get as Operation;
  t.same(one.parameters?.filter((p) => p.in === 'path').map((p) => p.name).sort(), ['identifier', 'sdkappid']);
  t.ok(one.responses['404'], 'a 404');
  t.notMatch(JSON.stringify(one.responses['200']), /password/i, 'the account shape has no password field');
  t.match(JSON.stringify(doc.paths['/__mock/clock']?.post?.requestBody), /advanceSeconds/);
});

t.test('/documentation serves Swagger UI as HTML', async (t) => {
  const { app } = build(t);
  let res = await app.inject({ method: 'GET', url: '/documentation' });
  if (res.statusCode >= 300 && res.statusCode < 400) res = await app.inject({ method: 'GET', url: String(res.headers.location) });
  t.equal(res.statusCode, 200);
  t.match(String(res.headers['content-type']), /^text\/html/);
  t.match(res.body, /swagger-ui/i);
  const asset = await app.inject({ method: 'GET', url: '/documentation/static/swagger-ui.css' });
  t.equal(asset.statusCode, 200, 'its assets are served too');
});
