import type { FastifyReply, FastifyRequest } from 'fastify';

/** A request URL's path without its query, which is where the usersig travels. */
export const pathOf = (url: string): string => {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
};

/** The host a client on this machine reaches a server bound to `host` at, ready for a URL. */
export const reachableHost = (host: string): string => {
  const reachable = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return reachable.includes(':') ? `[${reachable}]` : reachable;
};

/** The process's 404: Fastify's own repeats the URL, query (usersig) included; this one names the path only. */
export const notFound = (request: FastifyRequest, reply: FastifyReply): FastifyReply =>
  reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `no route ${request.method} ${pathOf(request.url)}` });
