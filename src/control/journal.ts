import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { JOURNAL_PAGE_DEFAULT, JOURNAL_PAGE_MAX, JournalFilterSchema, JournalPageSchema } from '../services/journal/journal.js';
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
        summary: 'Recorded /v4 calls, a page at a time: the newest matching ones, oldest first; filters combine',
        description:
          `A page holds the newest \`limit\` matching entries (default ${JOURNAL_PAGE_DEFAULT}, at most ${JOURNAL_PAGE_MAX}) with a seq between \`after\` and \`before\`; ` +
          'pass `next` as `before` for the older page. Password, usersig and every secret are redacted from `body`. /health and /__mock calls are not recorded.',
        querystring: JournalFilterSchema,
        response: { 200: JournalPageSchema, ...controlErrors },
      },
    },
    async (request) => journal.page(request.query),
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
