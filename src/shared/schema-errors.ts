import { ValueErrorType, type ValueError } from '@sinclair/typebox/errors';
import type { TSchema } from '@sinclair/typebox';

/** A JSON pointer as a field name: `/apps/0/accounts/2/nick` is `apps[0].accounts[2].nick`; '' is `root`. */
export const fieldOf = (pointer: string, root: string): string =>
  pointer === '' ? root : pointer.slice(1).replace(/\/(\d+)(?=\/|$)/g, '[$1]').replaceAll('/', '.');

/** A union's choices when each is a literal or null (a plan name or none). */
const literals = (schema: TSchema): unknown[] | undefined => {
  const options = (schema as { anyOf?: TSchema[] }).anyOf;
  const isNull = (s: TSchema) => s.type === 'null';
  return options?.every((s) => 'const' in s || isNull(s)) ? options.map((s) => (isNull(s) ? null : s.const)) : undefined;
};

/**
 * The one wording of a TypeBox error, shared by the control routes' validation, seeding, state
 * documents and fault specs: `field: what is wrong`, a union of literals as its choices, and an
 * unknown property as `not a field of <what>` when `what` is given.
 */
export function describeValueError(error: ValueError, root: string, what?: string): string {
  const field = fieldOf(error.path, root);
  const choices = error.type === ValueErrorType.Union ? literals(error.schema) : undefined;
  if (choices) return `${field}: Expected one of ${choices.map((c) => JSON.stringify(c)).join(', ')}`;
  if (what !== undefined && error.type === ValueErrorType.ObjectAdditionalProperties) return `${field}: not a field of ${what}`;
  return `${field}: ${error.message}`;
}
