import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { JournalEntrySchema, JournalFilterSchema } from '../journal/journal.js';
import { controlErrors } from './schemas.js';

/** /__mock/requests: the request journal (the last TIM_JOURNAL_SIZE /v4 calls). */
export const journalRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { journal } = app.mock;
  const tags = ['control'];

  app.get(
    '/requests',
    {
      schema: {
        tags,
        summary: 'Recorded /v4 calls, oldest first; filters combine; limit keeps the newest N (still oldest first)',
        description: 'Password, usersig and every secret are redacted from `body`. /health and /__mock calls are not recorded.',
        querystring: JournalFilterSchema,
        response: { 200: Type.Object({ requests: Type.Array(JournalEntrySchema) }), ...controlErrors },
      },
    },
    async (request) => ({ requests: journal.list(request.query) }),
  );

  app.delete(
    '/requests',
    {
      schema: {
        tags,
        summary: 'Empty the journal',
        response: { 200: Type.Object({ removed: Type.Integer({ description: 'how many entries were dropped' }) }), ...controlErrors },
      },
    },
    async () => {
      const removed = journal.size;
      journal.clear();
      return { removed };
    },
  );
};
