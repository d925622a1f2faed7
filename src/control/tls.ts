import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { ConfigError } from '../shared/mock-errors.js';
import { NotFoundError } from '../shared/mock-errors.js';
import { ControlError, controlErrors, sendControlError } from './schemas.js';

/**
 * GET /__mock/tls/ca.pem: the emulator's CA certificate, for clients to trust (the same text as
 * TIM_TLS_DIR/ca.pem). The first request makes the CA when nothing else has, so a zero-config
 * user can fetch it and then use the proxy. Its key is never served.
 */
export async function tlsRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/tls/ca.pem',
    {
      schema: {
        tags: ['control'],
        summary: "The emulator's CA certificate (PEM), to trust in clients that reach it over HTTPS or through its proxy",
        produces: ['application/x-pem-file'],
        response: {
          200: Type.String({ description: 'the CA certificate, PEM' }),
          404: Type.Object(ControlError.properties, { additionalProperties: false, description: 'TIM_TLS_CERT is in use: there is no CA of the emulator' }),
          500: Type.Object(ControlError.properties, { additionalProperties: false, description: 'the TLS settings are wrong (the message says how)' }),
          ...controlErrors,
        },
      },
    },
    async (_request, reply) => {
      let ca: string | undefined;
      try {
        ({ ca } = await app.mock.reach.material());
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        // The user's TLS settings are wrong: answered here with the message saying how, since the
        // error handler hides the message of every other 500.
        return sendControlError(reply, 500, error.message);
      }
      if (ca === undefined) {
        throw new NotFoundError('TIM_TLS_CERT is in use: the certificate comes from your own CA, the emulator has none');
      }
      return reply.type('application/x-pem-file').serializer((payload) => payload as string).send(ca);
    },
  );
}
