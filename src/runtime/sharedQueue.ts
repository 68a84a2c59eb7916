/**
 * SharedQueue: a bounded FIFO of numbers shared across worker threads (Python's
 * queue.Queue with maxsize). A ring buffer of Float64 slots guarded by a Mutex, with
 * Conditions for "not empty", "not full" and "all tasks done" (for join()).
 */
import { Condition, type ConditionHandle } from './condition.ts';
import { Mutex, type MutexHandle } from './mutex.ts';
import { checkHandle, defaultName, sharedCells } from './shared.ts';

export interface SharedQueueHandle {
  readonly kind: 'queue';
  readonly name: string;
  /** Int32 cells: head, size, unfinished tasks. */
  readonly buffer: SharedArrayBuffer;
  /** The Float64 ring of `capacity` slots. */
  readonly slots: SharedArrayBuffer;
  readonly capacity: number;
  readonly mutex: MutexHandle;
  readonly notEmpty: ConditionHandle;
  readonly notFull: ConditionHandle;
  readonly allDone: ConditionHandle;
}

const HEAD = 0;
const SIZE = 1;
const UNFINISHED = 2;
let adopted: SharedQueueHandle | undefined;

export class SharedQueue {
  readonly handle: SharedQueueHandle;
  readonly name: string;
  readonly capacity: number;
  readonly #cells: Int32Array;
  readonly #slots: Float64Array;
  readonly #mutex: Mutex;
  readonly #notEmpty: Condition;
  readonly #notFull: Condition;
  readonly #allDone: Condition;

  constructor(capacity: number, name?: string) {
    const handle = adopted;
    adopted = undefined;
    if (handle) {
      ({ name, capacity } = handle);
      this.#cells = new Int32Array(handle.buffer);
      this.#slots = new Float64Array(handle.slots);
      this.#mutex = Mutex.from(handle.mutex);
      [this.#notEmpty, this.#notFull, this.#allDone] = [handle.notEmpty, handle.notFull, handle.allDone].map((h) => Condition.from(h)) as [Condition, Condition, Condition];
    } else {
      if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`a SharedQueue needs a whole capacity >= 1, got ${capacity}`);
      name ??= defaultName('queue');
      this.#cells = sharedCells(3);
      this.#slots = new Float64Array(new SharedArrayBuffer(capacity * Float64Array.BYTES_PER_ELEMENT));
      this.#mutex = new Mutex(`${name}.mutex`);
      this.#notEmpty = new Condition(this.#mutex, `${name}.notEmpty`);
      this.#notFull = new Condition(this.#mutex, `${name}.notFull`);
      this.#allDone = new Condition(this.#mutex, `${name}.allDone`);
    }
    this.name = name;
    this.capacity = capacity;
    this.handle = handle ?? {
      kind: 'queue',
      name,
      buffer: this.#cells.buffer as SharedArrayBuffer,
      slots: this.#slots.buffer as SharedArrayBuffer,
      capacity,
      mutex: this.#mutex.handle,
      notEmpty: this.#notEmpty.handle,
      notFull: this.#notFull.handle,
      allDone: this.#allDone.handle,
    };
  }

  static from(handle: SharedQueueHandle): SharedQueue {
    checkHandle(handle, 'queue');
    adopted = handle;
    return new SharedQueue(handle.capacity);
  }

  /** Appends `value`, blocking while the queue is full; false if `timeoutMs` passed first. */
  put(value: number, timeoutMs?: number): boolean {
    return this.#mutex.withLock(() => {
      const cells = this.#cells;
      if (!this.#notFull.waitFor(() => Atomics.load(cells, SIZE) < this.capacity, timeoutMs)) return false;
      const size = Atomics.load(cells, SIZE);
      this.#slots[(Atomics.load(cells, HEAD) + size) % this.capacity] = value;
      Atomics.store(cells, SIZE, size + 1);
      Atomics.add(cells, UNFINISHED, 1);
      this.#notEmpty.notify();
      return true;
    });
  }

  /** Removes and returns the oldest value, blocking while empty; undefined if `timeoutMs` passed first. */
  get(timeoutMs?: number): number | undefined {
    return this.#mutex.withLock(() => {
      const cells = this.#cells;
      if (!this.#notEmpty.waitFor(() => Atomics.load(cells, SIZE) > 0, timeoutMs)) return undefined;
      const head = Atomics.load(cells, HEAD);
      const value = this.#slots[head] as number;
      Atomics.store(cells, HEAD, (head + 1) % this.capacity);
      Atomics.sub(cells, SIZE, 1);
      this.#notFull.notify();
      return value;
    });
  }

  /** Marks one item taken with get() as fully processed (Python's task_done()). */
  taskDone(): void {
    this.#mutex.withLock(() => {
      const unfinished = Atomics.load(this.#cells, UNFINISHED);
      if (unfinished <= 0) throw new Error(`taskDone() on ${this.name} was called more times than items were put`);
      Atomics.store(this.#cells, UNFINISHED, unfinished - 1);
      if (unfinished === 1) this.#allDone.notifyAll();
    });
  }

  /** Blocks until every item ever put has had its taskDone(); false if `timeoutMs` passed first. */
  join(timeoutMs?: number): boolean {
    return this.#mutex.withLock(() => this.#allDone.waitFor(() => Atomics.load(this.#cells, UNFINISHED) === 0, timeoutMs));
  }

  /** Items in the queue right now (a snapshot: other threads may change it at once). */
  get size(): number {
    return Atomics.load(this.#cells, SIZE);
  }

  /** Items put but not yet marked with taskDone(). */
  get unfinished(): number {
    return Atomics.load(this.#cells, UNFINISHED);
  }

  /** Threads blocked in put(), get() or join() right now (a diagnostic snapshot). */
  get waiters(): number {
    return this.#mutex.waiters + this.#notEmpty.waiters + this.#notFull.waiters + this.#allDone.waiters;
  }

  /** The queue's internal mutex (for diagnostics: lockState(queue.mutex.handle)). */
  get mutex(): Mutex {
    return this.#mutex;
  }
}
