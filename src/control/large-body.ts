import type { FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import { LargeBodyBusyError } from '../shared/mock-errors.js';

/**
 * A hook that lets one request at a time read a body that may be larger than `threshold`
 * bytes (a declared Content-Length over it, or a chunked body of unknown length); another one
 * meanwhile is answered 429 before a byte of its body is read. Many large bodies buffered at
 * once would hold their sizes added up; smaller bodies are never held back.
 */
export function oneLargeBodyAtATime(threshold: number): onRequestHookHandler {
  let reading = false;
  return (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void) => {
    const declared = request.headers['content-length'];
    const large = declared === undefined ? request.headers['transfer-encoding'] !== undefined : !(Number(declared) <= threshold);
    if (!large) return done();
    if (reading) {
      reply.header('retry-after', '1');
      return done(new LargeBodyBusyError());
    }
    reading = true;
    // 'close' comes once the reply is sent or the connection is gone, whichever way it ends.
    reply.raw.once('close', () => {
      reading = false;
    });
    done();
  };
}
