/**
 * The emulator's only source of time. UserSig expiry, the rate limiter and every timestamp
 * read it, so a test can freeze or move time instead of sleeping.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

/**
 * Real time until a test sets or advances it; from then on it stands still at the time set
 * (a frozen clock makes rate-limit and expiry tests exact) until `useRealTime()`.
 */
export class ControllableClock implements Clock {
  #frozenAt: number | undefined;

  now(): number {
    return this.#frozenAt ?? Date.now();
  }

  /** Freezes the clock at `ms`. */
  set(ms: number): void {
    this.#frozenAt = ms;
  }

  /** Freezes the clock `ms` after its current reading. */
  advance(ms: number): void {
    this.#frozenAt = this.now() + ms;
  }

  useRealTime(): void {
    this.#frozenAt = undefined;
  }

  get frozen(): boolean {
    return this.#frozenAt !== undefined;
  }
}

export const unixSeconds = (clock: Clock): number => Math.floor(clock.now() / 1000);

let lastMs = Number.NaN;
let lastIso = '';

/** The clock's time in ISO 8601, made once per millisecond: a bulk import stamps thousands a second. */
export function isoNow(clock: Clock): string {
  const ms = clock.now();
  if (ms !== lastMs) {
    lastMs = ms;
    lastIso = new Date(ms).toISOString();
  }
  return lastIso;
}
