import { Type, type Static } from '@sinclair/typebox';
import { Errors } from '@sinclair/typebox/errors';
import { UINT32_MAX } from '../../model/accounts/account-schema.js';
import { describeValueError } from '../../shared/schema-errors.js';
import { FaultSpecError } from '../../shared/mock-errors.js';

/** The longest delay a fault may add: long enough to outlast any client timeout, short enough not to hang a suite. */
export const MAX_DELAY_MS = 60_000;

/** POST /__mock/faults and `addFault(spec)`: where a fault applies and what it does. */
export const FaultSpecSchema = Type.Object(
  {
    path: Type.Optional(
      Type.String({ description: 'the vendor command, e.g. /v4/registration_service/register_account_v1; omitted = every /v4 command' }),
    ),
    sdkappid: Type.Optional(Type.Integer({ minimum: 1, maximum: UINT32_MAX, description: 'only calls to this app' })),
    identifier: Type.Optional(Type.String({ minLength: 1, description: "only calls about this account (the body's Identifier/UserID, as sent)" })),
    errorCode: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 2147483647, description: 'answer a vendor FAIL with this code and its catalogue text' }),
    ),
    httpStatus: Type.Optional(Type.Integer({ minimum: 400, maximum: 599, description: "answer this HTTP status with a gateway's HTML page" })),
    drop: Type.Optional(Type.Literal(true, { description: 'destroy the connection without an answer' })),
    delayMs: Type.Optional(
      Type.Integer({ minimum: 0, maximum: MAX_DELAY_MS, description: 'wait this long (real time) first; may stand alone, then at least 1' }),
    ),
    times: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 2147483647, description: 'fire this many times, then stay listed but inert; 0 = until removed (default 1)' }),
    ),
    probability: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: 'chance that a matching call fires it (default 1)' })),
    seed: Type.Optional(
      Type.Integer({ minimum: 0, maximum: UINT32_MAX, description: 'seed of the probability draws (default random, listed); same seed, same sequence' }),
    ),
    stage: Type.Optional(
      Type.Union([Type.Literal('before'), Type.Literal('after')], {
        description: 'before: instead of the import (default); after: the import happens, then the fault answers',
      }),
    ),
  },
  { additionalProperties: false },
);
export type FaultSpec = Static<typeof FaultSpecSchema>;

export type FaultKind = 'errorCode' | 'httpStatus' | 'drop' | 'delay';
export type FaultStage = 'before' | 'after';

/** A checked spec with its defaults filled in. */
export interface Fault {
  path: string | undefined;
  sdkappid: number | undefined;
  identifier: string | undefined;
  kind: FaultKind;
  errorCode: number | undefined;
  httpStatus: number | undefined;
  delayMs: number;
  times: number;
  probability: number;
  seed: number | undefined;
  stage: FaultStage;
}

const KINDS = ['errorCode', 'httpStatus', 'drop'] as const;

/** Checks a fault spec; `servedPaths` are the commands a fault may name. */
export function parseFaultSpec(input: unknown, servedPaths: ReadonlySet<string>): Fault {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new FaultSpecError('a fault spec must be a JSON object');
  }
  const error = Errors(FaultSpecSchema, input).First();
  if (error !== undefined) throw new FaultSpecError(describeValueError(error, 'the fault spec'));
  const spec = input as FaultSpec;
  const kinds = KINDS.filter((k) => spec[k] !== undefined);
  if (kinds.length > 1) {
    const given = kinds.length === 2 ? `${kinds.join(' and ')} were both given` : `${kinds.slice(0, -1).join(', ')} and ${kinds.at(-1)} were all given`;
    throw new FaultSpecError(`${given}: a fault has at most one of errorCode, httpStatus, drop`);
  }
  if (kinds.length === 0 && spec.delayMs === undefined) {
    throw new FaultSpecError('a fault needs one of errorCode, httpStatus, drop or delayMs');
  }
  // A delay of 0 with nothing else would be armed, listed and counted while doing nothing.
  if (kinds.length === 0 && spec.delayMs === 0) throw new FaultSpecError('delayMs: a delay alone must be at least 1 ms');
  if (spec.path !== undefined && !servedPaths.has(spec.path)) {
    throw new FaultSpecError(`path ${spec.path} is not a command the emulator serves (one of ${[...servedPaths].join(', ')})`);
  }
  if (spec.seed !== undefined && spec.probability === undefined) {
    throw new FaultSpecError('seed only applies with probability');
  }
  return {
    path: spec.path,
    sdkappid: spec.sdkappid,
    identifier: spec.identifier,
    kind: kinds[0] ?? 'delay',
    errorCode: spec.errorCode,
    httpStatus: spec.httpStatus,
    delayMs: spec.delayMs ?? 0,
    times: spec.times ?? 1,
    probability: spec.probability ?? 1,
    seed: spec.seed,
    stage: spec.stage ?? 'before',
  };
}
