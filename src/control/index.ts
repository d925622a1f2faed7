import type { FastifyInstance } from 'fastify';
import { accountsRoutes } from './accounts.js';
import { clockRoutes } from './clock.js';
import { faultsRoutes } from './faults.js';
import { journalRoutes } from './journal.js';
import { stateRoutes } from './state.js';

/**
 * The test-double control plane under /__mock: JSON in and out, TypeBox schemas on every
 * route. With a mock token set, every route here needs `Authorization: Bearer <token>`.
 */
export async function controlPlugin(app: FastifyInstance): Promise<void> {
  const token = app.mock.options.mockToken;
  if (token !== undefined) {
    const expected = `Bearer ${token}`;
    app.addHook('onRequest', async (request, reply) => {
      if (request.headers.authorization !== expected) {
        return reply.code(401).send({ error: 'this control route needs Authorization: Bearer <TIM_MOCK_TOKEN>' });
      }
    });
  }
  await app.register(accountsRoutes);
  await app.register(faultsRoutes);
  await app.register(journalRoutes);
  await app.register(clockRoutes);
  await app.register(stateRoutes);
}
