/**
 * Values filed under the ASCII lower-case form of their identifier, so that "is there one like
 * this in any letter case" is O(1). Most forms have a single value, which is held without a Set.
 */
export class FoldMap<V> {
  readonly #map = new Map<string, V | Set<V>>();

  add(folded: string, value: V): void {
    const present = this.#map.get(folded);
    if (present === undefined) this.#map.set(folded, value);
    else if (present instanceof Set) present.add(value);
    else if (present !== value) this.#map.set(folded, new Set([present, value]));
  }

  delete(folded: string, value: V): void {
    const present = this.#map.get(folded);
    if (present === value) this.#map.delete(folded);
    else if (present instanceof Set) {
      present.delete(value);
      if (present.size === 1) this.#map.set(folded, present.values().next().value as V);
    }
  }

  /** One of the values filed under `folded`, if any. */
  first(folded: string): V | undefined {
    const present = this.#map.get(folded);
    return present instanceof Set ? (present.values().next().value as V) : present;
  }

  /** Removes and returns every value filed under `folded`. */
  take(folded: string): V[] {
    const present = this.#map.get(folded);
    if (present === undefined) return [];
    this.#map.delete(folded);
    return present instanceof Set ? [...present] : [present];
  }
}
