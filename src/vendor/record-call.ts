import type { FastifyReply, FastifyRequest } from 'fastify';

/** Journals a /v4 call. Whatever its body holds, a failure is logged and the call still answered. */
export function recordCall(request: FastifyRequest, reply: FastifyReply): void {
  const { journal, log } = request.server.mock;
  try {
    journal.record(request, reply);
  } catch (err) {
    log.error({ reqId: request.id, err }, 'the call could not be journalled');
  }
}
