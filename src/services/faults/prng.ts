/**
 * mulberry32: a small, fast 32-bit PRNG. A fault with a `seed` draws from its own generator,
 * so the same seed gives the same fire/no-fire sequence in every run.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seed for a fault armed without one; it is listed so a run can be replayed. */
export const randomSeed = (): number => Math.floor(Math.random() * 4294967296);
