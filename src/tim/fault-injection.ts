import { STATUS_CODES } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { entryForCode, VendorError, type VendorErrorEntry } from './errors.js';
import type { FaultRegistry } from '../services/faults/registry.js';
import type { FaultKind, FaultStage } from '../services/faults/spec.js';

/** The fault that answered a call, for the journal and the log line. */
export interface FiredFault {
  id: string;
  kind: FaultKind;
  stage: FaultStage;
}

/** What the vendor's gateway (nginx) sends for a network-level error: an HTML page, not vendor JSON. */
export function gatewayPage(status: number): string {
  const title = `${status} ${STATUS_CODES[status] ?? 'Error'}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

/**
 * Applies the fault (if any) that matches this call at this stage. Resolves true when the
 * fault answered (an HTTP status, or a dropped connection); an error code is thrown as a
 * VendorError for the pipeline's one error handler; a bare delay resolves false and the call
 * goes on.
 */
export async function injectFault(
  faults: FaultRegistry,
  stage: FaultStage,
  path: string,
  request: FastifyRequest,
  reply: FastifyReply,
  ownCodes: readonly VendorErrorEntry[],
  record: (request: FastifyRequest, reply: FastifyReply) => void,
): Promise<boolean> {
  const call = request.vendorCall;
  const sdkappid = call?.app?.sdkappid;
  if (call === null || sdkappid === undefined) return false;
  const taken = faults.take({ stage, path, sdkappid, accounts: call.accounts });
  if (taken === undefined) return false;
  const { id, fault } = taken;
  call.fault = { id, kind: fault.kind, stage };
  await faults.delay(fault.delayMs);
  // The server is closing: without this the answered connection would idle on keep-alive and hold close() up.
  if (faults.closing) reply.header('connection', 'close');
  switch (fault.kind) {
    case 'delay':
      return false;
    case 'errorCode':
      throw new VendorError(entryForCode(fault.errorCode as number, ownCodes), `injected by ${id}`);
    case 'httpStatus':
      reply.code(fault.httpStatus as number).type('text/html').send(gatewayPage(fault.httpStatus as number));
      return true;
    case 'drop':
      // No answer at all: the onSend hook never runs, so the call is journalled here.
      reply.hijack();
      reply.raw.destroy();
      record(request, reply);
      request.log.info({ method: request.method, path, fault: id }, 'request dropped by a fault');
      return true;
  }
}
