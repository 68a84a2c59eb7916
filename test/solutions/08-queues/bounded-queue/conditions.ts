/**
 * Correct, written like Python's queue.Queue: two "conditions" (lists of waiters to wake)
 * and callers that re-check their predicate in a loop after every wake-up.
 */
export class BoundedQueue<T> {
  readonly #items: T[] = [];
  readonly #notEmpty: (() => void)[] = [];
  readonly #notFull: (() => void)[] = [];

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.#items.length;
  }

  async put(item: T): Promise<void> {
    while (this.#items.length >= this.capacity) await new Promise<void>((wake) => this.#notFull.push(wake));
    this.#items.push(item);
    this.#notEmpty.shift()?.();
  }

  async get(): Promise<T> {
    while (this.#items.length === 0) await new Promise<void>((wake) => this.#notEmpty.push(wake));
    const item = this.#items.shift() as T;
    this.#notFull.shift()?.();
    return item;
  }
}
