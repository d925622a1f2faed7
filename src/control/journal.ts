import type { FastifyInstance } from 'fastify';

/** /__mock routes for the request journal (issue 3). */
export async function journalRoutes(_app: FastifyInstance): Promise<void> {}
