/**
 * How many cases a property test tries. `npm test` tries a modest number, which every run of the
 * suite can afford; PROPERTY_RUNS=N (a nightly-style deep run: `PROPERTY_RUNS=20000 npm test`)
 * makes every property try N cases instead. Every property runs either way.
 */
export function numRuns(modest: number): number {
  const deep = process.env.PROPERTY_RUNS;
  if (deep === undefined || deep === '') return modest;
  const runs = Number(deep);
  if (!Number.isSafeInteger(runs) || runs < 1) throw new Error(`PROPERTY_RUNS must be a whole number of at least 1, not ${JSON.stringify(deep)}`);
  return runs;
}
