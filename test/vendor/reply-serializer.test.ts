import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import { Type, type TSchema } from '@sinclair/typebox';
import fc from 'fast-check';
import t from 'tap';
import { ALIASES, catalogue, servedCommands } from '../../src/tim/catalogue/index.js';
import { sampleOf } from '../../src/tim/catalogue/sample.js';
import { commandPath } from '../../src/tim/command.js';
import { Errors } from '../../src/tim/errors.js';
import { failReply, okReply, stringEnum } from '../../src/tim/reply.js';
import { replySerializer } from '../../src/tim/reply-serializer.js';
import { commands } from '../../src/tim/v4/index.js';
import { seededRandom } from '../../src/services/faults/prng.js';

/**
 * The vendor replies are written by reply-serializer.ts instead of fast-json-stringify, which
 * wrote them before: the text must stay the same, byte for byte, for every command's reply
 * schema and for values of any shape.
 */
const fjs = SerializerSelector()({}, {});
const reference = (schema: TSchema, url = '/x') => fjs({ schema, method: 'POST', url, httpStatus: '200' });

/** Both write the same text, or both refuse the value. */
function same(schema: TSchema, url: string, values: readonly unknown[]): string | undefined {
  const ours = replySerializer(schema);
  const theirs = reference(schema, url);
  for (const value of values) {
    let a: string;
    let b: string;
    try {
      b = theirs(value);
    } catch {
      try {
        a = ours(value);
      } catch {
        continue;
      }
      return `${url}: fast-json-stringify refused ${JSON.stringify(value)}, ours wrote ${a}`;
    }
    try {
      a = ours(value);
    } catch (error) {
      return `${url}: ours refused ${JSON.stringify(value)} (${(error as Error).message}), fast-json-stringify wrote ${b}`;
    }
    if (a !== b) return `${url}: ${a} against ${b}`;
  }
  return undefined;
}

t.test('every served command\'s reply, OK and FAIL, is the text fast-json-stringify wrote', async (t) => {
  const served = servedCommands(commands, { refuse: false });
  t.ok(served.length >= catalogue.length + ALIASES.length, `every documented command and alias: ${served.length}`);
  for (const command of served) {
    const samples = Array.from({ length: 8 }, (_, i) => sampleOf(command.reply, { random: seededRandom(i + 1), now: 1_700_000_000 + i }));
    const values = [
      ...samples,
      okReply(),
      { ...failReply(Errors.RequestFormat), ...command.failFields },
      // A field the schema does not name is left out (or kept, where the schema keeps extras).
      { ...okReply(), Unnamed: 'x', Nested: { a: [1, 'two'] }, Gone: undefined },
    ];
    const difference = same(command.reply, commandPath(command), values);
    if (difference !== undefined) t.fail(difference);
  }
  t.pass('every command compared');
});

/** Schemas with each keyword reply schemas use, for values of any shape. */
const SHAPES: Record<string, TSchema> = {
  strings: Type.Object({ ActionStatus: stringEnum(['OK', 'FAIL']), ErrorInfo: Type.String(), Note: Type.Optional(Type.String()) }),
  integers: Type.Object({ ErrorCode: Type.Integer(), Count: Type.Optional(Type.Integer()) }),
  arrays: Type.Object({ List: Type.Array(Type.Object({ Id: Type.String(), N: Type.Optional(Type.Integer()) })), Tags: Type.Optional(Type.Array(Type.String())) }),
  extras: Type.Object({ Id: Type.Optional(Type.String()), Any: Type.Optional(Type.Unknown()) }, { additionalProperties: true }),
  closed: Type.Object({ Id: Type.Optional(Type.String()), Inner: Type.Optional(Type.Object({ X: Type.Integer() }, { additionalProperties: false })) }, { additionalProperties: false }),
  empty: Type.Object({}),
};

const field = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(null, true, false, '', '"', '\\', '\u0000', '\ud800', 'é', new Date(0), /re/g, 10n),
  fc.array(fc.oneof(fc.string(), fc.integer(), fc.record({ Id: fc.string(), N: fc.integer() })), { maxLength: 3 }),
  fc.record({ X: fc.oneof(fc.integer(), fc.string()) }),
  fc.constant(undefined),
);
const value = fc.oneof(
  fc.dictionary(fc.constantFrom('ActionStatus', 'ErrorInfo', 'Note', 'ErrorCode', 'Count', 'List', 'Tags', 'Id', 'Any', 'Inner', 'Other', 'toString', '__x'), field),
  field,
);

t.test('values of any shape, ill-typed ones too: the same text, or refused by both', async (t) => {
  for (const [name, schema] of Object.entries(SHAPES)) {
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 5 }), (values) => {
        const difference = same(schema, `/${name}`, values);
        if (difference !== undefined) throw new Error(difference);
      }),
      { numRuns: 300 },
    );
  }
  t.pass('every shape compared');
});

t.test('a reply schema with a keyword the serializer does not write is refused when its serializer is made', async (t) => {
  t.throws(() => replySerializer(Type.Object({ A: Type.Union([Type.String(), Type.Integer()]) })), /anyOf/);
  t.throws(() => replySerializer(Type.Object({ A: Type.Number() })), /type "number"/);
  t.throws(() => replySerializer(Type.Object({ A: Type.String({ format: 'date-time' }) })), /format/);
  t.throws(() => replySerializer(Type.Object({}, { additionalProperties: Type.String() })), /additionalProperties schema/);
  t.throws(() => replySerializer(Type.Object({ A: Type.String({ default: 'x' }) })), /default/);
});
