import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';

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
