import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { FaultSpecSchema, parseFaultSpec } from '../services/faults/spec.js';
import { NotFoundError } from '../shared/mock-errors.js';
import { controlErrors, ControlError } from './schemas.js';

const FaultView = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('errorCode'), Type.Literal('httpStatus'), Type.Literal('drop'), Type.Literal('delay')]),
  path: Type.Optional(Type.String()),
  sdkappid: Type.Optional(Type.Integer()),
  identifier: Type.Optional(Type.String()),
  errorCode: Type.Optional(Type.Integer()),
  httpStatus: Type.Optional(Type.Integer()),
  drop: Type.Optional(Type.Literal(true)),
  delayMs: Type.Optional(Type.Integer()),
  times: Type.Integer({ description: '0 = until removed' }),
  probability: Type.Number(),
  seed: Type.Optional(Type.Integer({ description: 'the seed in use (chosen at random when a probability was given without one)' })),
  stage: Type.Union([Type.Literal('before'), Type.Literal('after')]),
  fired: Type.Integer({ description: 'how many calls it answered or delayed' }),
  remaining: Type.Union([Type.Integer(), Type.Null()], { description: 'fires left; null = until removed; a spent fault stays listed until removed' }),
});

const Armed = Type.Object({ id: Type.String() });
const Removed = Type.Object({ removed: Type.Integer({ description: 'how many faults were disarmed' }) });

/** /__mock/faults: arm, list and disarm faults on the /v4 commands. */
export const faultsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { faults } = app.mock;
  const tags = ['control'];

  app.post(
    '/faults',
    {
      schema: {
        tags,
        summary: 'Arm a fault: an error code, an HTTP status, a dropped connection and/or a delay on matching /v4 calls',
        description:
          'Exactly one of errorCode, httpStatus, drop, or a delayMs alone. A fault applies to calls that pass every check ' +
          '(envelope, UserSig, rate limit, body, admin, fields): stage "before" answers instead of the state change, stage ' +
          '"after" lets the change happen and then answers. The oldest matching fault answers a call.',
        body: FaultSpecSchema,
        response: { 200: Armed, ...controlErrors },
      },
    },
    async (request) => ({ id: faults.arm(parseFaultSpec(request.body, faults.servedPaths)).id }),
  );

  app.get(
    '/faults',
    { schema: { tags, summary: 'The armed faults, oldest first, with how often each fired', response: { 200: Type.Object({ faults: Type.Array(FaultView) }), ...controlErrors } } },
    async () => ({ faults: faults.list() }),
  );

  app.delete(
    '/faults',
    { schema: { tags, summary: 'Disarm every fault', response: { 200: Removed, ...controlErrors } } },
    async () => {
      const removed = faults.list().length;
      faults.clear();
      return { removed };
    },
  );

  app.delete(
    '/faults/:id',
    {
      schema: {
        tags,
        summary: 'Disarm one fault',
        params: Type.Object({ id: Type.String() }),
        response: { 200: Removed, 404: ControlError, ...controlErrors },
      },
    },
    async (request) => {
      const { id } = request.params;
      if (!faults.remove(id)) throw new NotFoundError(`no fault ${id}`);
      return { removed: 1 };
    },
  );
};
