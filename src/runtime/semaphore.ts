/**
 * Semaphore: a counter of permits shared across worker threads (Python's
 * threading.Semaphore). acquire() takes a permit, waiting while there is none;
 * release() gives one back and wakes a waiter. Permits have no owner: any thread may release.
 */
import { reportedWait } from './diagnostics.ts';
import { checkHandle, deadlineOf, defaultName, remaining, sharedCells, waitAsync } from './shared.ts';

export interface SemaphoreHandle {
  readonly kind: 'semaphore';
  readonly name: string;
  readonly buffer: SharedArrayBuffer;
}

const PERMITS = 0;
const WAITERS = 1;
let adopted: SemaphoreHandle | undefined;

export class Semaphore {
  readonly handle: SemaphoreHandle;
  readonly name: string;
  readonly #cells: Int32Array;

  constructor(permits: number, name?: string) {
    const handle = adopted;
    adopted = undefined;
    if (handle) {
      this.#cells = new Int32Array(handle.buffer);
    } else {
      if (!Number.isInteger(permits) || permits < 0) {
        throw new RangeError(`a Semaphore needs a whole number of permits >= 0, got ${permits}`);
      }
      this.#cells = sharedCells(2);
      Atomics.store(this.#cells, PERMITS, permits);
    }
    this.name = handle?.name ?? name ?? defaultName('semaphore');
    this.handle = handle ?? { kind: 'semaphore', name: this.name, buffer: this.#cells.buffer as SharedArrayBuffer };
  }

  static from(handle: SemaphoreHandle): Semaphore {
    checkHandle(handle, 'semaphore');
    adopted = handle;
    return new Semaphore(0);
  }

  /** Takes a permit, blocking this thread while none is available. */
  acquire(): void {
    this.tryAcquire(Infinity);
  }

  /** Takes a permit if one is available within `timeoutMs` (0: do not wait); true when taken. */
  tryAcquire(timeoutMs = 0): boolean {
    const deadline = deadlineOf(timeoutMs);
    for (;;) {
      const seen = this.#take();
      if (seen > 0) return true;
      const left = remaining(deadline);
      if (left <= 0) return false;
      Atomics.add(this.#cells, WAITERS, 1);
      reportedWait(this.#cells, PERMITS, seen, left, this.handle);
      Atomics.sub(this.#cells, WAITERS, 1);
    }
  }

  /** Takes a permit without blocking the event loop (Atomics.waitAsync). */
  async acquireAsync(): Promise<void> {
    for (;;) {
      const seen = this.#take();
      if (seen > 0) return;
      Atomics.add(this.#cells, WAITERS, 1);
      await waitAsync(this.#cells, PERMITS, seen);
      Atomics.sub(this.#cells, WAITERS, 1);
    }
  }

  /** Gives a permit back (from any thread) and wakes one waiter. */
  release(): void {
    Atomics.add(this.#cells, PERMITS, 1);
    if (Atomics.load(this.#cells, WAITERS) > 0) Atomics.notify(this.#cells, PERMITS, 1);
  }

  /** Runs `fn` holding a permit and always gives it back (Python's `with semaphore:`). */
  withPermit<T>(fn: () => T): T {
    this.acquire();
    try {
      return fn();
    } finally {
      this.release();
    }
  }

  /** The async form of withPermit. */
  async withPermitAsync<T>(fn: () => T | Promise<T>): Promise<T> {
    await this.acquireAsync();
    try {
      return await fn();
    } finally {
      this.release();
    }
  }

  /** Permits free right now. */
  get available(): number {
    return Atomics.load(this.#cells, PERMITS);
  }

  get waiters(): number {
    return Atomics.load(this.#cells, WAITERS);
  }

  /** Decrements the permits if positive; returns the count it saw (> 0 means taken). */
  #take(): number {
    for (;;) {
      const seen = Atomics.load(this.#cells, PERMITS);
      if (seen <= 0) return seen;
      if (Atomics.compareExchange(this.#cells, PERMITS, seen, seen - 1) === seen) return seen;
    }
  }
}
