/** A fixed-capacity buffer that overwrites its oldest item: O(1) push, flat memory. */
export class RingBuffer<T> {
  readonly capacity: number;
  readonly #items: (T | undefined)[];
  /** Where the next item goes. */
  #head = 0;
  #size = 0;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.#items = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.#size;
  }

  push(item: T): void {
    if (this.capacity === 0) return;
    this.#items[this.#head] = item;
    this.#head = (this.#head + 1) % this.capacity;
    if (this.#size < this.capacity) this.#size++;
  }

  /** The item `index` places from the oldest (0); `index` must be below `size`. */
  at(index: number): T {
    return this.#items[(this.#head - this.#size + index + this.capacity) % this.capacity] as T;
  }

  /** Oldest first. */
  *[Symbol.iterator](): IterableIterator<T> {
    const start = (this.#head - this.#size + this.capacity) % this.capacity;
    for (let i = 0; i < this.#size; i++) yield this.#items[(start + i) % this.capacity] as T;
  }

  clear(): void {
    this.#items.fill(undefined);
    this.#head = 0;
    this.#size = 0;
  }
}
