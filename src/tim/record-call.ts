import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import type { Journal } from '../services/journal/journal.js';

/**
 * Journals a /v4 call (a request that never became one, no `vendorCall`, is not journalled).
 * Whatever its body holds, a failure is logged and the call still answered.
 */
export function recordCall(
  journal: Journal,
  log: FastifyBaseLogger,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const call = request.vendorCall;
  if (call === null) return;
  try {
    journal.record(request, reply, call);
  } catch (err) {
    log.error({ reqId: request.id, err }, 'the call could not be journalled');
  }
}
