import { createRequire } from 'node:module';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import type { BuildCompilerFromPool } from '@fastify/ajv-compiler';

const compileNow = SerializerSelector();

/**
 * Fastify's reply serializers, each compiled on its route's first reply rather than at start:
 * a process start would otherwise compile one for each of some 30 routes and status codes, and
 * a test run calls only a few of them. Same serializers, same output; after the first reply
 * each call costs one more function call.
 */
export const lazySerializers: typeof compileNow = (externalSchemas, options) => {
  const compile = compileNow(externalSchemas, options);
  return (route) => {
    let serialize: ((doc: unknown) => string) | undefined;
    return (doc) => (serialize ??= compile(route))(doc);
  };
};

/**
 * Fastify's own Ajv validator compiler, loaded only when a route without a compiler of its own
 * asks for one. Fastify loads it when an instance is made otherwise, and no route of the
 * emulator uses it (the vendor's commands check their bodies in vendor order, the control plane
 * with TypeBox): loading Ajv's compiler was a tenth of a plain start's own cost. It is resolved
 * from Fastify's folder, whose dependency it is.
 */
export const lazyValidators: BuildCompilerFromPool = (externalSchemas, options) => {
  const fromFastify = createRequire(createRequire(import.meta.url).resolve('fastify'));
  const selector = fromFastify('@fastify/ajv-compiler') as { default: () => BuildCompilerFromPool };
  return selector.default()(externalSchemas, options);
};
