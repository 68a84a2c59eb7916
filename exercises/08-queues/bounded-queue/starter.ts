/**
 * A bounded FIFO queue for one thread's event loop (Python's queue.Queue(maxsize), with
 * awaits where Python blocks): put() should wait while the queue is full, get() waits
 * while it is empty. Waiting callers are served first come, first served.
 *
 * get() already waits. put() never does, so a fast producer fills the queue without limit.
 */
export class BoundedQueue<T> {
  readonly capacity: number;
  readonly #items: T[] = [];
  /** get() calls waiting for an item, oldest first. */
  readonly #getters: ((item: T) => void)[] = [];

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
    // TODO: when the queue already holds `capacity` items, wait (do not resolve yet)
    // until a get() makes room, and only then add the item.
    this.#items.push(item);
    return Promise.resolve();
  }

  /** Takes the item at the front; waits while the queue is empty. */
  get(): Promise<T> {
    if (this.#items.length > 0) {
      // TODO: taking an item makes room: let the oldest waiting put() go ahead.
      return Promise.resolve(this.#items.shift() as T);
    }
    return new Promise((resolve) => this.#getters.push(resolve));
  }
}
