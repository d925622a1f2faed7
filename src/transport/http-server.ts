import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { MockOptions } from '../config/options.js';
import type { Reach } from './reach.js';
import { serverOptions } from './server-options.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * The HTTP port's server (Fastify's serverFactory): Fastify's handler for every origin-form
 * request, and the proxy mode beside it. An absolute-form request (`POST http://host/v4/...`,
 * what HTTP_PROXY clients send) and a CONNECT go to the Reach, which serves the vendor's
 * hostnames and refuses every other host.
 */
export function createHttpServer(handler: Handler, options: MockOptions, reach: () => Reach): Server {
  const settings = serverOptions(options);
  const server = createServer(settings, (req, res) => {
    // '/': an ordinary request, the only kind a client that is not using a proxy sends.
    if ((req.url as string).charCodeAt(0) === 47) handler(req, res);
    else reach().absoluteForm(req, res, handler);
  });
  server.keepAliveTimeout = settings.keepAliveTimeout;
  server.requestTimeout = settings.requestTimeout;
  server.setTimeout(0);
  server.on('connect', (req: IncomingMessage, socket, head: Buffer) => reach().connect(req, socket, head));
  return server;
}
