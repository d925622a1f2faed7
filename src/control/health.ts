import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';

/** GET /health: 200 once the app is ready (Fastify serves no route before `ready`). */
export async function healthRoute(app: FastifyInstance): Promise<void> {
  app.get(
    '/health',
    { schema: { tags: ['control'], summary: 'Readiness', response: { 200: Type.Object({ status: Type.Literal('ok') }) } } },
    async () => ({ status: 'ok' as const }),
  );
}
