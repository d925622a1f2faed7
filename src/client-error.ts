/**
 * The 4xx status Fastify gave an error it raised over the client's input (a URL that does not
 * decode, malformed JSON on a control route); undefined for anything else, which is the
 * emulator's own fault and is logged by whichever error handler meets it.
 */
export const clientErrorStatus = (error: Error & { statusCode?: unknown }): number | undefined =>
  typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : undefined;
