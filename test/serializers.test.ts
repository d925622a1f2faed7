import t from 'tap';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import Fastify from 'fastify';
import { lazySerializers, lazyValidators } from '../src/shared/serializers.js';

const route = (schema: unknown) => ({ method: 'GET', url: '/x', httpStatus: '200', schema });

t.test('a reply serializer is compiled on its first use, not when the route is built', async (t) => {
  const compile = lazySerializers(undefined, {});
  // fast-json-stringify refuses this schema when it compiles it: here, only on the first reply.
  const broken = compile(route({ type: 'object', properties: { a: { $ref: '#/definitions/missing' } } }));
  t.throws(() => broken({ a: 1 }));
});

t.test('it serializes as the eager serializer does', async (t) => {
  const schema = { type: 'object', properties: { ActionStatus: { type: 'string' }, ErrorCode: { type: 'integer' } }, additionalProperties: false };
  const eager = SerializerSelector()(undefined, {})(route(schema));
  const lazy = lazySerializers(undefined, {})(route(schema));
  for (const doc of [{ ActionStatus: 'OK', ErrorCode: 0 }, { ActionStatus: 'FAIL', ErrorCode: 70402, Extra: 'dropped' }]) {
    t.equal(lazy(doc), eager(doc));
  }
});

t.test('a route with a plain JSON schema and no compiler of its own still gets Fastify\'s Ajv validation', async (t) => {
  const app = Fastify({ schemaController: { compilersFactory: { buildValidator: lazyValidators } } });
  t.teardown(() => app.close());
  app.post('/x', { schema: { body: { type: 'object', required: ['UserID'], properties: { UserID: { type: 'string' } } } } }, async () => 'ok');
  const refused = await app.inject({ method: 'POST', url: '/x', payload: {} });
  t.equal(refused.statusCode, 400);
  t.match(refused.json().message, /UserID/);
  t.equal((await app.inject({ method: 'POST', url: '/x', payload: { UserID: 'a' } })).statusCode, 200);
});
