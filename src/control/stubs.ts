import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { STUB_LIMIT, StubSpecSchema } from '../services/stubs/registry.js';
import { NotFoundError } from '../shared/mock-errors.js';
import { controlErrors, ControlError } from './schemas.js';

const StubView = Type.Composite([
  StubSpecSchema,
  Type.Object({
    id: Type.String(),
    source: Type.Union([Type.Literal('file'), Type.Literal('runtime')], { description: 'file: from TIM_STUBS_DIR, kept by a reset' }),
    hits: Type.Integer({ description: 'how many calls it answered' }),
  }),
]);
const Removed = Type.Object({ removed: Type.Integer({ description: 'how many stubs were removed' }) });

/** /__mock/stubs: add, list and remove user stubs (replies given for a vendor command). */
export const stubsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { stubs } = app.mock;
  const tags = ['control'];

  app.post(
    '/stubs',
    {
      schema: {
        tags,
        summary: 'Add a user stub: a reply for a vendor command, emulated or not, optionally for matching bodies only',
        description:
          'The call still passes the envelope, UserSig, rate-limit, body and admin checks; then the newest matching stub ' +
          `answers instead of the command. The reply must be vendor-shaped; the path must be a vendor command. At most ${STUB_LIMIT} stubs.`,
        body: StubSpecSchema,
        response: { 201: StubView, ...controlErrors },
      },
    },
    async (request, reply) => reply.code(201).send(stubs.add(request.body)),
  );

  app.get(
    '/stubs',
    { schema: { tags, summary: 'The user stubs, oldest first, with how often each answered', response: { 200: Type.Object({ stubs: Type.Array(StubView) }), ...controlErrors } } },
    async () => ({ stubs: stubs.list() }),
  );

  app.delete(
    '/stubs',
    { schema: { tags, summary: 'Remove the run-time stubs (the stubs folder\'s stay)', response: { 200: Removed, ...controlErrors } } },
    async () => ({ removed: stubs.clear() }),
  );

  app.delete(
    '/stubs/:id',
    {
      schema: {
        tags,
        summary: 'Remove one stub',
        params: Type.Object({ id: Type.String() }),
        response: { 200: Removed, 404: ControlError, ...controlErrors },
      },
    },
    async (request) => {
      if (!stubs.remove(request.params.id)) throw new NotFoundError(`no stub ${request.params.id}`);
      return { removed: 1 };
    },
  );
};
