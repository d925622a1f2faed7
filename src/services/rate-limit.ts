import type { Clock } from '../model/clock.js';

/**
 * A token bucket holding `limit` tokens and refilling `limit` per second, read from the
 * emulator's clock so tests can drive it without sleeping.
 */
export class TokenBucket {
  readonly limit: number;
  readonly #clock: Clock;
  #tokens: number;
  #at: number;

  constructor(limit: number, clock: Clock) {
    this.limit = limit;
    this.#clock = clock;
    this.#tokens = limit;
    this.#at = clock.now();
  }

  #refilled(now: number): number {
    // A clock moved backwards (a test resetting it) refills nothing and takes nothing away.
    return now > this.#at ? Math.min(this.limit, this.#tokens + ((now - this.#at) * this.limit) / 1000) : this.#tokens;
  }

  /** The tokens held now (reading changes nothing). */
  available(): number {
    return this.#refilled(this.#clock.now());
  }

  /** Takes a token; false when the bucket is empty. */
  take(): boolean {
    const now = this.#clock.now();
    this.#tokens = this.#refilled(now);
    this.#at = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}

/** One bucket per app per command, made on first use; a limit of 0 means unlimited. */
export class RateLimiter {
  readonly #buckets = new Map<string, TokenBucket>();
  readonly #clock: Clock;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** A bucket whose limit was changed (PUT /__mock/apps) is replaced by a full one of the new limit. */
  take(sdkappid: number, command: string, limit: number): boolean {
    if (limit === 0) return true;
    const key = `${sdkappid}/${command}`;
    let bucket = this.#buckets.get(key);
    if (bucket?.limit !== limit) {
      bucket = new TokenBucket(limit, this.#clock);
      this.#buckets.set(key, bucket);
    }
    return bucket.take();
  }

  /** The whole calls the bucket allows now: `limit` while it is unused (or its limit changed); 0 when unlimited. */
  tokens(sdkappid: number, command: string, limit: number): number {
    if (limit === 0) return 0;
    const bucket = this.#buckets.get(`${sdkappid}/${command}`);
    return bucket?.limit === limit ? Math.floor(bucket.available()) : limit;
  }

  /** Forgets every bucket (a reset through the control plane starts full). */
  clear(): void {
    this.#buckets.clear();
  }
}
