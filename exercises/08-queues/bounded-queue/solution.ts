/**
 * A bounded FIFO queue for one thread's event loop (Python's queue.Queue(maxsize), with
 * awaits where Python blocks): put() waits while the queue is full, get() waits while it
 * is empty. Waiting callers are served first come, first served.
 */
export class BoundedQueue<T> {
  readonly capacity: number;
  readonly #items: T[] = [];
  /** get() calls waiting for an item, oldest first. */
  readonly #getters: ((item: T) => void)[] = [];
  /** put() calls waiting for room, oldest first, each with the item it brings. */
  readonly #putters: { item: T; done: () => void }[] = [];

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a whole number >= 1, got ${capacity}`);
    this.capacity = capacity;
  }

  /** Items waiting in the queue now. */
  get size(): number {
    return this.#items.length;
  }

  /** Adds `item` at the back; resolves once it is in the queue (or in a waiting getter's hands). */
  put(item: T): Promise<void> {
    const getter = this.#getters.shift();
    if (getter) {
      getter(item);
      return Promise.resolve();
    }
    if (this.#items.length < this.capacity) {
      this.#items.push(item);
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#putters.push({ item, done: resolve }));
  }

  /** Takes the item at the front; waits while the queue is empty. */
  get(): Promise<T> {
    if (this.#items.length > 0) {
      const item = this.#items.shift() as T;
      const putter = this.#putters.shift();
      if (putter) {
        this.#items.push(putter.item);
        putter.done();
      }
      return Promise.resolve(item);
    }
    return new Promise((resolve) => this.#getters.push(resolve));
  }
}
