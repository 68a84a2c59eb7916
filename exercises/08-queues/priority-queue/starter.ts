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

  /** A new, empty queue, or (with a handle from another thread) the same queue as that one. */
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

  /** Jobs waiting right now (a snapshot). */
  get size(): number {
    return Atomics.load(this.#state, SIZE);
  }

  /**
   * Adds `job` with `priority` (smaller is more urgent; a LIFO queue ignores it). A
   * SharedArrayBuffer cannot grow, so the queue has a capacity, and put() throws when full.
   */
  put(job: number, priority = 0): void {
    this.#notEmpty.withLock(() => {
      const size = this.#state[SIZE] as number;
      if (size === this.handle.capacity) throw new RangeError(`put(${job}): the queue is full (${size} jobs)`);
      const at = size * ENTRY;
      this.#entries[at + PRIORITY] = priority;
      // TODO: give the entry its arrival number (ARRIVAL): 0 for the first job ever put, then
      // 1, 2, ... so that get() can tell older jobs from newer ones. The slots do not keep the
      // order jobs arrived in (see #take), and every thread must count on the same counter.
      this.#entries[at + JOB] = job;
      this.#state[SIZE] = size + 1;
      this.#notEmpty.notify();
    });
  }

  /** Removes and returns the next job (see the order above), waiting while the queue is empty. */
  get(): number {
    return this.#notEmpty.withLock(() => {
      this.#notEmpty.waitFor(() => (this.#state[SIZE] as number) > 0);
      return this.#take(this.#choose());
    });
  }

  /** The slot (0 to size - 1) of the job get() must hand out now. Called holding the mutex. */
  #choose(): number {
    // TODO: look at every slot in use. 'priority': the smallest priority, and among equal
    // priorities the oldest arrival. 'lifo': the newest arrival.
    return 0;
  }

  /** Removes the entry in `slot` and returns its job: the last entry moves into the hole. */
  #take(slot: number): number {
    const entries = this.#entries;
    const last = (this.#state[SIZE] as number) - 1;
    const job = entries[slot * ENTRY + JOB] as number;
    entries.copyWithin(slot * ENTRY, last * ENTRY, (last + 1) * ENTRY);
    this.#state[SIZE] = last;
    return job;
  }
}

/** Lets the check load this file in its own worker threads (leave it as it is). */
export const moduleUrl = import.meta.url;
