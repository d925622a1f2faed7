import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { clientErrorHandler } from './client-error.js';
import type { TlsMaterial } from './tls/material.js';
import { serverOptions } from './server-options.js';

/**
 * The HTTPS server: Fastify serves one server per instance, so this one hands every request
 * to the instance's router (`app.routing`, the handler Fastify gives its own server), with the
 * same connection settings and the same vendor-shaped answer to malformed HTTP. Same app, same
 * state, same hooks: what the HTTP port serves, over TLS. `handler` is the Reach's route, which
 * applies the HTTP port's host rule to absolute-form targets before the router sees them.
 */
export function createSecureServer(
  app: FastifyInstance,
  material: TlsMaterial,
  log: FastifyBaseLogger,
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Server {
  const settings = serverOptions(app.mock.options);
  const server = createServer(
    { ...settings, cert: material.cert, key: material.key, handshakeTimeout: settings.requestTimeout },
    handler,
  );
  server.keepAliveTimeout = settings.keepAliveTimeout;
  server.requestTimeout = settings.requestTimeout;
  server.setTimeout(0);
  server.on('clientError', clientErrorHandler);
  // An Expect other than 100-continue goes to the routes, as on the HTTP port (src/transport/request-rules.ts).
  server.on('checkExpectation', handler);
  // Node's request timeouts start with a request's first byte: a connection (a proxy tunnel
  // above all) that completes its handshake and never sends one is closed here instead.
  server.on('secureConnection', (socket) => {
    socket.setTimeout(settings.requestTimeout, () => {
      log.debug('TLS connection sent no request in time; connection closed');
      socket.destroy();
    });
    socket.once('data', () => socket.setTimeout(0));
  });
  // A failed handshake (an untrusted certificate, plain HTTP to this port, a client gone
  // silent): the connection is closed and nothing else changes.
  server.on('tlsClientError', (err: NodeJS.ErrnoException, socket) => {
    log.debug({ code: err.code, reason: err.message }, 'TLS handshake failed; connection closed');
    socket.destroy();
  });
  return server;
}
