import type { FastifyInstance } from 'fastify';

/** /__mock routes for the emulator clock (issue 3). */
export async function clockRoutes(_app: FastifyInstance): Promise<void> {}
