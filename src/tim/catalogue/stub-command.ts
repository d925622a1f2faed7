import { Type, type TObject, type TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { unixSeconds } from '../../model/clock.js';
import { seededRandom } from '../../services/faults/prng.js';
import { describeValueError } from '../../shared/schema-errors.js';
import type { JsonObject } from '../body.js';
import { defineCommand, namedAccount, type VendorCommand } from '../command.js';
import { Errors, VendorError } from '../errors.js';
import { ReplyFields } from '../reply.js';
import type { CatalogueEntry } from './entry.js';
import { RATE_LIMITS } from './rate-limits.js';
import { hashSeed, sampleOf } from './sample.js';
import { sectionCodes } from './sections.js';

/** The calls per second of a command whose page gives no limit (rate-limits.ts lists those that do). */
export const STUB_RATE_LIMIT = 200;

/**
 * Field names older clients still send, with the one the schema names: `Identifier` for
 * `UserID`, and admin_getroammsg's From_Account / To_Account before its page renamed them.
 */
const LEGACY_FIELDS: readonly (readonly [legacy: string, current: string])[] = [
  ['Identifier', 'UserID'],
  ['From_Account', 'Operator_Account'],
  ['To_Account', 'Peer_Account'],
];

/** The body with each legacy field copied to its current name, when the schema has only the current one. */
function withCurrentNames(body: JsonObject, schema: TSchema): JsonObject {
  const props = (schema.properties ?? {}) as Record<string, unknown>;
  let named = body;
  for (const [legacy, current] of LEGACY_FIELDS) {
    if (current in props && !(legacy in props) && legacy in body && !(current in body)) {
      named = { ...named, [current]: body[legacy] };
    }
  }
  return named;
}

export interface StubSettings {
  /** TIM_UNEMULATED=refuse: answer a FAIL naming the command and the setting instead. */
  refuse: boolean;
}

/** Generated fields vary by command: serialized as they come, the three common ones checked. */
const STUB_REPLY = Type.Object(ReplyFields, { additionalProperties: true });

/** The vendor's request schema (an object), relaxed to take the fields it does not name (the vendor ignores them). */
const forRequest = (schema: TSchema): TSchema => ({ ...schema, additionalProperties: true });

/**
 * A documented command the emulator does not emulate, served as a validated stub: the
 * pipeline's envelope, UserSig, rate-limit and admin checks, then the body checked against the
 * vendor's schema, then an OK reply whose fields are generated from the reply schema (times from
 * the emulator's clock, the rest seeded by the call's path and body). The schemas are built and
 * the validator compiled on the first call, so that routing the whole API costs start-up nothing.
 */
export function stubCommand(entry: CatalogueEntry, settings: StubSettings): VendorCommand<JsonObject, object> {
  const codes = sectionCodes(entry.section);
  const path = `/v4/${entry.service}/${entry.command}`;
  let compiled: { schema: TSchema; check: TypeCheck<TSchema>; reply: TObject } | undefined;
  const schemas = () => {
    if (compiled === undefined) {
      const schema = entry.request();
      compiled = { schema, check: TypeCompiler.Compile(forRequest(schema)), reply: entry.reply() };
    }
    return compiled;
  };
  return defineCommand({
    service: entry.service,
    command: entry.command,
    section: entry.section,
    served: 'stub',
    summary: `Validated stub: the body is checked against the vendor's schema and a generated OK reply answers (${entry.page ?? 'no page'})`,
    codes,
    defaultRateLimit: RATE_LIMITS[path]?.limit ?? STUB_RATE_LIMIT,
    // Read only by the OpenAPI document: made when it asks, not for each stub at start.
    get body() {
      return Type.Object({}, { description: `the fields of ${entry.page ?? 'the vendor page'}` });
    },
    reply: STUB_REPLY,
    accountsOf: (body) => namedAccount(body.UserID ?? body.From_Account ?? body.Operator_Account),
    parse: (body) => {
      if (settings.refuse) {
        throw new VendorError({
          code: Errors.RequestDisabled.code,
          info: `request disabled: ${path} is not emulated, only stubbed, and TIM_UNEMULATED (--unemulated) is refuse`,
        });
      }
      const { schema, check } = schemas();
      const named = withCurrentNames(body, schema);
      const error = check.Errors(named).First();
      if (error !== undefined) {
        // The field and what is wrong with it, never its value.
        throw new VendorError({ code: codes.badRequest.code, info: `${codes.badRequest.info}: ${describeValueError(error, 'the body')}` });
      }
      return named;
    },
    execute: ({ clock }, body) => {
      const random = seededRandom(hashSeed(`${path} ${JSON.stringify(body)}`));
      return sampleOf(schemas().reply, { random, now: unixSeconds(clock) }) as object;
    },
  });
}
