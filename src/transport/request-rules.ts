import type { FastifyInstance, FastifyReply, onRequestHookHandler } from 'fastify';
import { ExpectationError, HostRequiredError } from '../shared/mock-errors.js';

/** No browser runs a reply marked so as a script or a page of another type than it says. */
export const noSniff = (reply: FastifyReply): FastifyReply => reply.header('x-content-type-options', 'nosniff');

// HTTP a request breaks before any route sees it gets the status Node itself answers (bare,
// without a body); raised here instead, the error reaches the route's own error handler: under
// /v4 a vendor reply (60002), on /__mock and elsewhere a JSON error that says why.

/**
 * One hook on every request: marks every reply nosniff, and refuses an HTTP/1.1 request
 * without a Host header (RFC 9112 §3.2) and an Expect header other than 100-continue
 * (RFC 9110 §10.1.1).
 */
const requestRules: onRequestHookHandler = (request, reply, done) => {
  noSniff(reply);
  const { host, expect } = request.headers;
  if (host === undefined && request.raw.httpVersion === '1.1') {
    done(new HostRequiredError());
  } else if (expect !== undefined && expect.toLowerCase() !== '100-continue') {
    done(new ExpectationError());
  } else {
    done();
  }
};

/**
 * Installs the rules. Node answers both cases itself unless told not to: `requireHostHeader:
 * false` on the server (set with the listener's options) and a `checkExpectation` listener,
 * which hands the request to Fastify as Node would have without the header.
 */
export function httpRules(app: FastifyInstance): void {
  app.server.on('checkExpectation', (req, res) => app.server.emit('request', req, res));
  app.addHook('onRequest', requestRules);
}
