import { Type, type Static } from '@sinclair/typebox';
import { Errors } from '@sinclair/typebox/errors';
import { isRecord } from '../../shared/is-record.js';
import { StubError } from '../../shared/mock-errors.js';
import { describeValueError } from '../../shared/schema-errors.js';

/** Stubs held at once, files and run-time ones together: each call may scan them all. */
export const STUB_LIMIT = 10_000;
/** The longest delay a stub may add, in milliseconds. */
export const STUB_DELAY_MAX = 60_000;

export const StubSpecSchema = Type.Object(
  {
    path: Type.String({ description: 'the vendor command it answers, as /v4/<service>/<command>' }),
    reply: Type.Record(Type.String(), Type.Unknown(), {
      description: 'the vendor reply to answer: ActionStatus, ErrorCode and ErrorInfo, plus any fields',
    }),
    match: Type.Optional(Type.Record(Type.String(), Type.Unknown(), {
      description: 'answers only calls whose body holds these fields with these values (a subset match)',
    })),
    times: Type.Optional(Type.Integer({ minimum: 1, description: 'answers this many calls, then stops (default: until removed)' })),
    delayMs: Type.Optional(Type.Integer({ minimum: 0, maximum: STUB_DELAY_MAX, description: 'waits this long before answering' })),
  },
  { additionalProperties: false },
);
export type StubSpec = Static<typeof StubSpecSchema>;

export interface StubView extends StubSpec {
  id: string;
  /** `file` for a stub from TIM_STUBS_DIR (kept by a reset), `runtime` for the others. */
  source: 'file' | 'runtime';
  /** How many calls it answered. */
  hits: number;
}

interface Stub extends StubView {
  remaining: number | undefined;
}

/** Whether `value` holds every field of `pattern` with the same value, objects compared the same way. */
export function matchesSubset(pattern: unknown, value: unknown): boolean {
  if (Array.isArray(pattern)) {
    if (!Array.isArray(value) || value.length !== pattern.length) return false;
    return pattern.every((p, i) => matchesSubset(p, value[i]));
  }
  if (isRecord(pattern)) {
    if (!isRecord(value)) return false;
    return Object.entries(pattern).every(([k, p]) => Object.hasOwn(value, k) && matchesSubset(p, value[k]));
  }
  return pattern === value;
}

/** Why a reply is not one the vendor could send, or undefined when it could. */
function replyProblem(reply: Record<string, unknown>): string | undefined {
  const { ActionStatus, ErrorCode, ErrorInfo } = reply;
  if (ActionStatus !== 'OK' && ActionStatus !== 'FAIL') return 'reply.ActionStatus must be "OK" or "FAIL"';
  if (typeof ErrorCode !== 'number' || !Number.isInteger(ErrorCode)) return 'reply.ErrorCode must be a whole number';
  if (typeof ErrorInfo !== 'string') return 'reply.ErrorInfo must be a string';
  if ((ActionStatus === 'OK') !== (ErrorCode === 0)) return 'reply: ActionStatus is "OK" exactly when ErrorCode is 0';
  return undefined;
}

/**
 * User stubs: replies the user gives for a command, emulated or stubbed, in place of the
 * emulator's. The newest matching stub answers; one with `times` stops after that many calls.
 */
export class StubRegistry {
  readonly #paths: ReadonlySet<string>;
  #stubs: Stub[] = [];
  #next = 1;

  /** `paths`: the vendor paths the emulator routes; a stub for any other is refused. */
  constructor(paths: ReadonlySet<string>) {
    this.#paths = paths;
  }

  get size(): number {
    return this.#stubs.length;
  }

  /** Checks and adds a stub; throws a StubError naming what is wrong. */
  add(input: unknown, source: 'file' | 'runtime' = 'runtime'): StubView {
    const error = Errors(StubSpecSchema, input).First();
    if (error !== undefined) throw new StubError(`stub ${describeValueError(error, 'the stub', 'a stub (one of path, reply, match, times, delayMs)')}`);
    const spec = input as StubSpec;
    if (!this.#paths.has(spec.path)) {
      throw new StubError(`stub path ${JSON.stringify(spec.path.slice(0, 200))} is not a vendor command (GET /__mock/coverage lists them)`);
    }
    const problem = replyProblem(spec.reply);
    if (problem !== undefined) throw new StubError(`stub for ${spec.path}: ${problem}, as the vendor's replies are`);
    if (this.#stubs.length >= STUB_LIMIT) throw new StubError(`at most ${STUB_LIMIT} stubs are held; remove some first`);
    const stub: Stub = { id: `stub-${this.#next++}`, source, hits: 0, remaining: spec.times, ...structuredClone(spec) };
    this.#stubs.push(stub);
    return this.#view(stub);
  }

  /** The stub that answers this call (counting the call), or undefined. */
  match(path: string, body: unknown): StubView | undefined {
    for (let i = this.#stubs.length - 1; i >= 0; i--) {
      const stub = this.#stubs[i] as Stub;
      if (stub.path !== path || stub.remaining === 0) continue;
      if (stub.match !== undefined && !matchesSubset(stub.match, body)) continue;
      stub.hits++;
      if (stub.remaining !== undefined) stub.remaining--;
      return stub;
    }
    return undefined;
  }

  /** Whether a stub would still answer some call to `path`. */
  answers(path: string): boolean {
    return this.#stubs.some((s) => s.path === path && s.remaining !== 0);
  }

  list(): StubView[] {
    return this.#stubs.map((s) => this.#view(s));
  }

  remove(id: string): boolean {
    const before = this.#stubs.length;
    this.#stubs = this.#stubs.filter((s) => s.id !== id);
    return this.#stubs.length < before;
  }

  /** Removes the run-time stubs (a reset); the files' stay. Returns how many went. */
  clear(): number {
    const before = this.#stubs.length;
    this.#stubs = this.#stubs.filter((s) => s.source === 'file');
    return before - this.#stubs.length;
  }

  #view({ remaining: _remaining, ...view }: Stub): StubView {
    return structuredClone(view);
  }
}
