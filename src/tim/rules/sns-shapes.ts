import { Type } from '@sinclair/typebox';
import { namedAccount } from '../command.js';
import type { JsonObject } from '../body.js';
import { replySchema, stringEnum } from '../reply.js';
import { accountsIn } from './item-list.js';
import { FailAccount, fromAndTo, RelationItem, ResultItem, snsCodes, snsFields, toAccounts } from './sns.js';

// The shapes several sns commands share (their body, reply, parse and accounts); each command
// file keeps its own `execute`, as onlineQuery does for the online commands.

const fromAndToAccounts = (body: JsonObject): string[] => [
  ...namedAccount(body.From_Account),
  ...accountsIn(body.To_Account, (a) => a),
];

/** From_Account and 1 to `max` To_Account, a ResultItem per account (black_list_add, black_list_delete). */
export const accountListShape = (command: string, summary: string, max: number) => ({
  service: 'sns',
  command,
  summary,
  codes: snsCodes(),
  defaultRateLimit: 200,
  body: fromAndTo(max),
  reply: replySchema({ ResultItem: Type.Optional(Type.Array(ResultItem)), Fail_Account: FailAccount }),
  accountsOf: fromAndToAccounts,
  parse(body: JsonObject) {
    const f = snsFields(body);
    return { from: f.string('From_Account'), to: toAccounts(f, max) };
  },
});

/**
 * A relation check (friend_check, black_list_check): From_Account (A), 1 to `max` To_Account (B),
 * a CheckType of `types` ([single, both]); each item's Relation is one of `relations`, in the
 * order [none, AWithB, BWithA, BothWay] that `relationOf` reads.
 */
export const relationCheckShape = <R extends string>(
  command: string,
  summary: string,
  max: number,
  types: readonly [string, string],
  relations: readonly [R, R, R, R],
  listField: string,
) => ({
  service: 'sns',
  command,
  summary,
  codes: snsCodes(),
  defaultRateLimit: 200,
  body: Type.Object({
    From_Account: Type.String(),
    To_Account: Type.Array(Type.String(), { minItems: 1, maxItems: max }),
    CheckType: stringEnum(types),
  }),
  reply: replySchema({ [listField]: Type.Optional(Type.Array(RelationItem(relations))), Fail_Account: FailAccount }),
  accountsOf: fromAndToAccounts,
  parse(body: JsonObject) {
    const f = snsFields(body);
    const from = f.string('From_Account');
    const to = toAccounts(f, max);
    const type = f.optionalOneOf('CheckType', types) ?? f.fail('CheckType is required');
    return { from, to, both: type === types[1] };
  },
});

/** The relation of A with B from the two directions: [none, AWithB, BWithA, BothWay][aWithB + 2 * bWithA]. */
export const relationOf = <R extends string>(relations: readonly [R, R, R, R], aWithB: boolean, bWithA: boolean): R =>
  relations[(aWithB ? 1 : 0) + (bWithA ? 2 : 0)] as R;

/** A relation check's item for `account`: its relation, ResultCode 0. */
export const relationItem = <R extends string>(account: string, relation: R) => ({ To_Account: account, Relation: relation, ResultCode: 0, ResultInfo: '' });
