import type { FastifyInstance } from 'fastify';

/** /__mock routes for accounts: list, look up, seed, delete (issue 3). */
export async function accountsRoutes(_app: FastifyInstance): Promise<void> {}
