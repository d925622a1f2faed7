import { createRequire } from 'node:module';
import type { BuildCompilerFromPool } from '@fastify/ajv-compiler';
import type { SerializerFactory } from '@fastify/fast-json-stringify-compiler';

const require = createRequire(import.meta.url);

/**
 * Fastify's reply serializers, each compiled on its route's first reply rather than at start:
 * a process start would otherwise compile one for each of some 30 routes and status codes, and
 * a test run calls only a few of them. fast-json-stringify itself, with the Ajv it loads, is
 * loaded then too: no vendor reply needs it (reply-serializer.ts writes those). Same
 * serializers, same output; after the first reply each call costs one more function call.
 */
export const lazySerializers: SerializerFactory = (externalSchemas, options) => {
  let compile: ReturnType<SerializerFactory> | undefined;
  return (route) => {
    let serialize: ((doc: unknown) => string) | undefined;
    return (doc) => {
      if (serialize === undefined) {
        const { SerializerSelector } = require('@fastify/fast-json-stringify-compiler') as { SerializerSelector: () => SerializerFactory };
        compile ??= SerializerSelector()(externalSchemas, options);
        serialize = compile(route);
      }
      return serialize(doc);
    };
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
  const fromFastify = createRequire(require.resolve('fastify'));
  const selector = fromFastify('@fastify/ajv-compiler') as { default: () => BuildCompilerFromPool };
  return selector.default()(externalSchemas, options);
};
