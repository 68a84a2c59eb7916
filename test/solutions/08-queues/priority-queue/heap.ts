// Correct, written another way: a binary heap (what Python's PriorityQueue uses, through
// heapq) in the shared entries, keyed on (priority, arrival), or on the newest arrival for LIFO.
/**
 * A work queue that worker threads share, in the other two orders of Python's queue module:
 * - 'priority' (queue.PriorityQueue): get() returns the most urgent job, the one with the
 *   smallest priority number; jobs of equal priority come out first in, first out.
 * - 'lifo' (queue.LifoQueue): get() returns the newest job, like a stack.
 *
 * Python: `q = queue.PriorityQueue()`, `q.put((priority, count, job))`, `_, _, job = q.get()`,
 * where `count` (from itertools.count()) keeps equal priorities first in, first out.
 *
 * Given: the shared storage, the mutex and the Condition that get() sleeps on while the queue
 * is empty. Your part: number the jobs as they arrive in put(), and choose the right one in get().
 */
import { Condition, Mutex, type ConditionHandle } from 'threadlings/runtime';

export type Order = 'priority' | 'lifo';

export interface WorkQueueHandle {
  readonly order: Order;
  readonly capacity: number;
  /** Float64 entries of ENTRY cells each (priority, arrival number, job), one per slot. */
  readonly entries: SharedArrayBuffer;
  /** Int32 cells: SIZE (slots in use), NEXT (free for an arrival counter), all 0 at first. */
  readonly state: SharedArrayBuffer;
  /** Its mutex guards `entries` and `state`; get() sleeps on it while the queue is empty. */
  readonly notEmpty: ConditionHandle;
}

// An entry's cells, and the cells of `state`.
const PRIORITY = 0;
const ARRIVAL = 1;
const JOB = 2;
const ENTRY = 3;
const SIZE = 0;
const NEXT = 1;

export class WorkQueue {
  readonly handle: WorkQueueHandle;
  readonly #entries: Float64Array;
  readonly #state: Int32Array;
  readonly #notEmpty: Condition;

  constructor(orderOrHandle: Order | WorkQueueHandle, capacity = 1024) {
    this.handle =
      typeof orderOrHandle === 'string'
        ? {
            order: orderOrHandle,
            capacity,
            entries: new SharedArrayBuffer(capacity * ENTRY * Float64Array.BYTES_PER_ELEMENT),
            state: new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT),
            notEmpty: new Condition(new Mutex('work-queue')).handle,
          }
        : orderOrHandle;
    this.#entries = new Float64Array(this.handle.entries);
    this.#state = new Int32Array(this.handle.state);
    this.#notEmpty = Condition.from(this.handle.notEmpty);
  }

  static from(handle: WorkQueueHandle): WorkQueue {
    return new WorkQueue(handle);
  }

  get size(): number {
    return Atomics.load(this.#state, SIZE);
  }

  put(job: number, priority = 0): void {
    this.#notEmpty.withLock(() => {
      const size = this.#state[SIZE] as number;
      if (size === this.handle.capacity) throw new RangeError(`put(${job}): the queue is full`);
      const arrival = this.#state[NEXT] as number;
      this.#state[NEXT] = arrival + 1;
      this.#write(size, priority, arrival, job);
      this.#state[SIZE] = size + 1;
      this.#siftUp(size);
      this.#notEmpty.notify();
    });
  }

  get(): number {
    return this.#notEmpty.withLock(() => {
      this.#notEmpty.waitFor(() => (this.#state[SIZE] as number) > 0);
      const job = this.#entries[JOB] as number;
      const last = (this.#state[SIZE] as number) - 1;
      this.#swap(0, last);
      this.#state[SIZE] = last;
      this.#siftDown(0);
      return job;
    });
  }

  /** True when slot `a` must come out before slot `b`. */
  #before(a: number, b: number): boolean {
    const e = this.#entries;
    const [pa, pb, aa, ab] = [e[a * ENTRY + PRIORITY], e[b * ENTRY + PRIORITY], e[a * ENTRY + ARRIVAL], e[b * ENTRY + ARRIVAL]] as number[];
    if (this.handle.order === 'lifo') return (aa as number) > (ab as number);
    return (pa as number) < (pb as number) || (pa === pb && (aa as number) < (ab as number));
  }

  #siftUp(slot: number): void {
    for (let child = slot; child > 0; ) {
      const parent = (child - 1) >> 1;
      if (!this.#before(child, parent)) return;
      this.#swap(child, parent);
      child = parent;
    }
  }

  #siftDown(slot: number): void {
    const size = this.#state[SIZE] as number;
    for (let parent = slot; ; ) {
      let first = parent;
      for (const child of [2 * parent + 1, 2 * parent + 2]) if (child < size && this.#before(child, first)) first = child;
      if (first === parent) return;
      this.#swap(parent, first);
      parent = first;
    }
  }

  #write(slot: number, priority: number, arrival: number, job: number): void {
    this.#entries.set([priority, arrival, job], slot * ENTRY);
  }

  #swap(a: number, b: number): void {
    const e = this.#entries;
    const saved = e.slice(a * ENTRY, (a + 1) * ENTRY);
    e.copyWithin(a * ENTRY, b * ENTRY, (b + 1) * ENTRY);
    e.set(saved, b * ENTRY);
  }
}

/** Lets the check load this file in its own worker threads (leave it as it is). */
export const moduleUrl = import.meta.url;
