import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { unixSeconds, type ControllableClock } from '../model/clock.js';
import { ControlRequestError } from '../shared/mock-errors.js';
import { controlErrors } from './schemas.js';

/** The last second a JavaScript Date can show in four digits (9999-12-31T23:59:59Z). */
const MAX_SECONDS = 253402300799;

const ClockState = Type.Object(
  {
    now: Type.Integer({ description: "the emulator's time, unix seconds" }),
    nowMs: Type.Integer({ description: 'the same in milliseconds' }),
    iso: Type.String({ format: 'date-time' }),
    frozen: Type.Boolean({ description: 'true after POST (time stands still until DELETE); false while it follows real time' }),
  },
  { additionalProperties: false },
);

const ClockMove = Type.Object(
  {
    advanceSeconds: Type.Optional(Type.Number({ minimum: 0, maximum: MAX_SECONDS, description: 'move forward by this many seconds (fractions allowed)' })),
    now: Type.Optional(Type.Number({ minimum: 0, maximum: MAX_SECONDS, description: 'set to this unix time in seconds (may move backwards)' })),
  },
  { additionalProperties: false, description: 'exactly one of advanceSeconds and now' },
);

const stateOf = (clock: ControllableClock) => {
  const ms = clock.now();
  return { now: unixSeconds(clock), nowMs: Math.floor(ms), iso: new Date(ms).toISOString(), frozen: clock.frozen };
};

/**
 * /__mock/clock: the emulator's time, which UserSig expiry, the rate limiter and every
 * timestamp read. Moving it freezes it there, so that what a test sees does not drift.
 */
export const clockRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { clock } = app.mock;
  const tags = ['control'];
  const response = { 200: ClockState, ...controlErrors };

  app.get('/clock', { schema: { tags, summary: "Read the emulator's clock", response } }, async () => stateOf(clock));

  app.post(
    '/clock',
    {
      schema: {
        tags,
        summary: 'Move the clock: {"advanceSeconds":N} or {"now":unixSeconds}; it then stands still there until DELETE',
        body: ClockMove,
        response,
      },
    },
    async (request) => {
      const { advanceSeconds, now } = request.body;
      if ((advanceSeconds === undefined) === (now === undefined)) {
        throw new ControlRequestError('give exactly one of advanceSeconds and now');
      }
      if (advanceSeconds !== undefined && unixSeconds(clock) + advanceSeconds > MAX_SECONDS) {
        throw new ControlRequestError(`advanceSeconds would move the clock past ${MAX_SECONDS} (year 9999)`);
      }
      if (now !== undefined) clock.set(now * 1000);
      else clock.advance((advanceSeconds as number) * 1000);
      return stateOf(clock);
    },
  );

  app.delete('/clock', { schema: { tags, summary: 'Return the clock to real time', response } }, async () => {
    clock.useRealTime();
    return stateOf(clock);
  });
};
