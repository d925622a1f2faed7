import { setTimeout as sleep } from 'node:timers/promises';
import { randomSeed, seededRandom } from './prng.js';
import type { Fault, FaultKind, FaultStage } from './spec.js';

/** An armed fault as GET /__mock/faults lists it. */
export interface FaultView extends Omit<Fault, 'kind' | 'errorCode' | 'httpStatus' | 'delayMs'> {
  id: string;
  kind: FaultKind;
  errorCode?: number;
  httpStatus?: number;
  drop?: true;
  delayMs?: number;
  /** How many calls it answered so far. */
  fired: number;
  /** Fires left; null = until removed. A spent fault stays listed (inert) until removed. */
  remaining: number | null;
}

/** The call a fault is matched against. */
export interface FaultTarget {
  stage: FaultStage;
  path: string;
  sdkappid: number;
  /** The accounts the call's body names; a fault's `identifier` matches any of them. */
  accounts: readonly string[];
}

interface Armed {
  id: string;
  fault: Fault;
  fired: number;
  draw: (() => number) | undefined;
}

const spent = (a: Armed): boolean => a.fault.times !== 0 && a.fired >= a.fault.times;

/**
 * The armed faults, oldest first. A call is answered by at most one fault per stage: the
 * oldest live one that matches (and, with a probability, whose draw fires).
 */
export class FaultRegistry {
  readonly #armed = new Map<string, Armed>();
  #live = 0;
  #nextId = 1;
  readonly #closing = new AbortController();
  /** The vendor command paths a fault may name (`parseFaultSpec` checks `path` against them). */
  readonly servedPaths: ReadonlySet<string>;

  constructor(servedPaths: ReadonlySet<string> = new Set()) {
    this.servedPaths = servedPaths;
  }

  /** False when no fault can fire: the vendor pipeline then skips matching altogether. */
  get live(): boolean {
    return this.#live > 0;
  }

  arm(fault: Fault): FaultView {
    // Ids are never reused, so a stale id from an earlier test cannot remove a newer fault.
    const id = `fault-${this.#nextId++}`;
    const seed = fault.probability < 1 ? (fault.seed ?? randomSeed()) : fault.seed;
    const draw = seed === undefined ? undefined : seededRandom(seed);
    const armed: Armed = { id, fault: { ...fault, seed }, fired: 0, draw };
    this.#armed.set(id, armed);
    this.#live++;
    return view(armed);
  }

  list(): FaultView[] {
    return [...this.#armed.values()].map(view);
  }

  remove(id: string): boolean {
    const armed = this.#armed.get(id);
    if (armed === undefined) return false;
    if (!spent(armed)) this.#live--;
    this.#armed.delete(id);
    return true;
  }

  clear(): void {
    this.#armed.clear();
    this.#live = 0;
  }

  /** Waits a fault's delay; cut short when the app closes, so a long delay never holds up `close()`. */
  async delay(ms: number): Promise<void> {
    if (ms <= 0 || this.#closing.signal.aborted) return;
    await sleep(ms, undefined, { signal: this.#closing.signal }).catch(() => undefined);
  }

  get closing(): boolean {
    return this.#closing.signal.aborted;
  }

  /** Ends every pending delay (the app is closing). */
  close(): void {
    this.#closing.abort();
  }

  /** The fault that answers this call at this stage, counted as fired; undefined for none. */
  take(target: FaultTarget): { id: string; fault: Fault } | undefined {
    for (const armed of this.#armed.values()) {
      const { fault } = armed;
      if (spent(armed) || fault.stage !== target.stage) continue;
      if (fault.path !== undefined && fault.path !== target.path) continue;
      if (fault.sdkappid !== undefined && fault.sdkappid !== target.sdkappid) continue;
      if (fault.identifier !== undefined && !target.accounts.includes(fault.identifier)) continue;
      if (armed.draw !== undefined && armed.draw() >= fault.probability) continue;
      armed.fired++;
      if (spent(armed)) this.#live--;
      return armed;
    }
    return undefined;
  }
}

function view({ id, fault, fired }: Armed): FaultView {
  const { kind, errorCode, httpStatus, delayMs, ...where } = fault;
  return {
    id,
    ...where,
    kind,
    ...(errorCode !== undefined && { errorCode }),
    ...(httpStatus !== undefined && { httpStatus }),
    ...(kind === 'drop' && { drop: true as const }),
    ...(delayMs > 0 && { delayMs }),
    fired,
    remaining: fault.times === 0 ? null : fault.times - fired,
  };
}
