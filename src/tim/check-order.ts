import type { CommandCodes } from './command.js';
import { Errors, type VendorErrorEntry } from './errors.js';

/** One check of the vendor pipeline: its name and the codes it can answer for a command. */
export interface VendorCheck {
  readonly check: string;
  readonly codes: (codes: CommandCodes) => readonly VendorErrorEntry[];
}

const E = Errors;

/**
 * The order of the vendor's checks on a /v4 call, first to last; the first that fails answers.
 * The one statement of it: pipeline.ts runs its steps in this order, each command's OpenAPI
 * description lists its codes in this order, and test/vendor/order.test.ts pins the behaviour.
 * 'method and path' is Fastify's routing: an unknown command (60009) or a method other than
 * POST (60008); the rate limit comes before the body is read, so a refused call costs no body.
 */
export const checkOrder: readonly VendorCheck[] = [
  { check: 'method and path', codes: () => [E.UnknownCommand, E.RequestFormat] },
  { check: 'URL parameters', codes: (c) => [E.SdkAppIdRequired, c.invalidSdkAppId, E.AccountOrSig, E.HttpParse] },
  {
    check: 'UserSig',
    codes: () => [E.SigInvalid, E.SigIdentifierMismatch, E.SigSdkAppIdMismatch, E.SigMismatch, E.SigExpired],
  },
  { check: 'rate limit', codes: () => [E.RateLimited] },
  { check: 'body', codes: (c) => [E.JsonParse, E.RequestFormat, c.badRequest] },
  { check: 'admin', codes: (c) => [c.notAdmin] },
  { check: 'fields', codes: (c) => [c.badRequest, ...c.own] },
  { check: 'state', codes: (c) => [...c.own, E.Internal] },
];

/**
 * The codes a command can answer, in the order of the checks, for its OpenAPI description. A
 * call routed to the command has passed 'method and path'.
 */
export function errorCodesDescription(codes: CommandCodes): string {
  const checks = checkOrder.filter((step) => step.check !== 'method and path');
  const lines = new Set(checks.flatMap((step) => step.codes(codes)).map((e) => `- ${e.code}: ${e.info}`));
  return (
    `Always HTTP 200; ErrorCode 0 is success. Checks, in order: ${checks.map((step) => step.check).join(', ')}; ` +
    `the first that fails answers. Error codes (UserSig codes in declared mode only):\n${[...lines].join('\n')}`
  );
}
