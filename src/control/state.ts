import type { FastifyInstance } from 'fastify';

/** /__mock routes for state export and import (issue 5). */
export async function stateRoutes(_app: FastifyInstance): Promise<void> {}
