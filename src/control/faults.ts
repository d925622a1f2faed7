import type { FastifyInstance } from 'fastify';

/** /__mock routes for fault injection (issue 3). */
export async function faultsRoutes(_app: FastifyInstance): Promise<void> {}
