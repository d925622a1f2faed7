import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { MockServices } from '../services/mock-services.js';
import { controlErrors } from './schemas.js';

/**
 * The one reset: what `mockControls(app).reset()` does in process and POST /__mock/reset does
 * over HTTP. Empties the accounts of every app, the faults, the journals (requests, callbacks) and the rate-limit
 * buckets, forgets the zero-config apps made on the fly (declared apps and apps set with PUT
 * stay), gives every app back the settings it started with, and returns the clock to real time.
 */
export function resetMock(
  services: Pick<
    MockServices,
    'store' | 'faults' | 'journal' | 'limiter' | 'apps' | 'clock' | 'profiles' | 'messages' | 'online' | 'groups' | 'friends' | 'stubs' | 'callbacks'
  >,
): void {
  const { store, faults, journal, limiter, apps, clock, stubs } = services;
  // The run-time stubs go; the stubs folder's are part of the start, like the apps' settings.
  stubs.clear();
  store.clear();
  services.profiles.clear();
  services.messages.clear();
  services.online.clear();
  services.groups.clear();
  services.friends.clear();
  faults.clear();
  journal.clear();
  services.callbacks.journal.clear();
  limiter.clear();
  apps.forgetOnTheFly();
  apps.restore();
  clock.useRealTime();
}

/** POST /__mock/reset: one call for a container's test suite, instead of a DELETE per part. */
export async function resetRoute(app: FastifyInstance): Promise<void> {
  app.post(
    '/reset',
    {
      schema: {
        tags: ['control'],
        summary: 'Reset everything, as reset() does in process',
        description:
          'Empties the accounts of every app (fixtures included), the faults, the journal, the run-time stubs and the rate-limit buckets, ' +
          'gives every app back the settings it started with (plan, limits), and returns the clock to real time.',
        response: {
          200: Type.Object({ reset: Type.Literal(true) }, { additionalProperties: false }),
          ...controlErrors,
        },
      },
    },
    async () => {
      resetMock(app.mock);
      return { reset: true as const };
    },
  );
}
