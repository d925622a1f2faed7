import type { TObject, TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import type { FastifySchemaCompiler } from 'fastify';
import { describeValueError } from '../shared/schema-errors.js';

/** A plain decimal numeral: not `true`, `1e3`, `0x10` or ` 7`. */
const NUMERAL = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/;

const isNumeric = (schema: TSchema | undefined): boolean => schema?.type === 'integer' || schema?.type === 'number';

/**
 * Validates the control routes with TypeBox. Query and path values arrive as text, so a plain
 * numeral becomes a number where the schema wants one; nothing else is coerced (`?sdkappid=1.5`
 * is refused, not read as 1) and unknown properties are refused, not silently dropped (a
 * mistyped `sdkappid` on DELETE must not empty every app).
 */
export const controlValidatorCompiler: FastifySchemaCompiler<TSchema> = ({ schema, httpPart }) => {
  // Compiled on a route's first call: a test run calls few control routes, and every process
  // start would otherwise pay for compiling all of them.
  let compiled: TypeCheck<TSchema> | undefined;
  let compiledPresent: TypeCheck<TSchema> | undefined;
  // A body that may be left out is a union with null; one that is there is checked against its
  // object alone, so that an error names the field instead of "Expected union value".
  const options = (schema as { anyOf?: TSchema[] }).anyOf;
  const present = options?.length === 2 && options[1]?.type === 'null' ? options[0] : undefined;
  const properties = (schema as Partial<TObject>).properties ?? {};
  const fromText = httpPart === 'querystring' || httpPart === 'params';
  return (input: unknown) => {
    let value = input;
    if (fromText && typeof input === 'object' && input !== null) {
      value = Object.fromEntries(
        Object.entries(input).map(([key, v]) => [key, typeof v === 'string' && NUMERAL.test(v) && isNumeric(properties[key]) ? Number(v) : v]),
      );
    }
    const check =
      present !== undefined && value !== null
        ? (compiledPresent ??= TypeCompiler.Compile(present))
        : (compiled ??= TypeCompiler.Compile(schema));
    if (check.Check(value)) return { value };
    const error = check.Errors(value).First();
    return { error: new Error(error === undefined ? `${httpPart} is not valid` : describeValueError(error, httpPart ?? 'the request')) };
  };
};
