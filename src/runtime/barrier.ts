/**
 * Barrier: `parties` threads wait until all of them have arrived, then all go on
 * (Python's threading.Barrier). A generation counter tells one round from the next, so
 * the barrier can be reused at once. A wait that times out breaks the barrier: every
 * thread waiting on it, and every later wait(), throws BrokenBarrierError.
 */
import { reportedWait } from './diagnostics.ts';
import { FUTEX_CELLS, futexCells, futexLock, futexUnlock } from './futex.ts';
import { checkHandle, defaultName, remaining, deadlineOf } from './shared.ts';

export interface BarrierHandle {
  readonly kind: 'barrier';
  readonly name: string;
  readonly buffer: SharedArrayBuffer;
  readonly parties: number;
}

/** The barrier was broken (a wait timed out, or abort() was called) while or before waiting. */
export class BrokenBarrierError extends Error {
  constructor(name: string) {
    super(`${name} is broken: a thread timed out or aborted it, so this round can never complete`);
    this.name = 'BrokenBarrierError';
  }
}

// After the futex cells (its own small lock, guarding COUNT and GENERATION together):
const COUNT = FUTEX_CELLS;
const GENERATION = FUTEX_CELLS + 1;
const WAITING = FUTEX_CELLS + 2;
/** Set in GENERATION when broken; the rest of the word is the generation number. */
const BROKEN = 1 << 30;
const GENERATION_MASK = BROKEN - 1;
let adopted: BarrierHandle | undefined;

export class Barrier {
  readonly handle: BarrierHandle;
  readonly name: string;
  readonly parties: number;
  readonly #cells: Int32Array;

  constructor(parties: number, name?: string) {
    const handle = adopted;
    adopted = undefined;
    if (!handle && (!Number.isInteger(parties) || parties < 1)) {
      throw new RangeError(`a Barrier needs a whole number of parties >= 1, got ${parties}`);
    }
    this.#cells = handle ? new Int32Array(handle.buffer) : futexCells(3);
    this.parties = handle?.parties ?? parties;
    this.name = handle?.name ?? name ?? defaultName('barrier');
    this.handle = handle ?? { kind: 'barrier', name: this.name, buffer: this.#cells.buffer as SharedArrayBuffer, parties };
  }

  static from(handle: BarrierHandle): Barrier {
    checkHandle(handle, 'barrier');
    adopted = handle;
    return new Barrier(handle.parties);
  }

  /**
   * Waits until `parties` threads have called wait() in this round; returns this thread's
   * arrival index (0 for the first, parties - 1 for the last, which releases the others).
   */
  wait(timeoutMs?: number): number {
    const deadline = deadlineOf(timeoutMs);
    const cells = this.#cells;
    futexLock(cells);
    const generation = Atomics.load(cells, GENERATION);
    if (generation & BROKEN) {
      futexUnlock(cells);
      throw new BrokenBarrierError(this.name);
    }
    const index = Atomics.add(cells, COUNT, 1);
    if (index === this.parties - 1) {
      Atomics.store(cells, COUNT, 0);
      Atomics.store(cells, GENERATION, (generation + 1) & GENERATION_MASK);
      futexUnlock(cells);
      Atomics.notify(cells, GENERATION);
      return index;
    }
    futexUnlock(cells);
    Atomics.add(cells, WAITING, 1);
    try {
      while (Atomics.load(cells, GENERATION) === generation) {
        const left = remaining(deadline);
        if (left <= 0) {
          // Break this round, unless the last thread released it just now.
          Atomics.compareExchange(cells, GENERATION, generation, generation | BROKEN);
          Atomics.notify(cells, GENERATION);
          break;
        }
        reportedWait(cells, GENERATION, generation, left, this.handle);
      }
    } finally {
      Atomics.sub(cells, WAITING, 1);
    }
    if (Atomics.load(cells, GENERATION) === (generation | BROKEN)) throw new BrokenBarrierError(this.name);
    return index;
  }

  /** Breaks the barrier: current and future waiters throw BrokenBarrierError until reset(). */
  abort(): void {
    futexLock(this.#cells);
    Atomics.store(this.#cells, GENERATION, Atomics.load(this.#cells, GENERATION) | BROKEN);
    futexUnlock(this.#cells);
    Atomics.notify(this.#cells, GENERATION);
  }

  /** Repairs a broken barrier and starts a fresh round. Call it only when no thread is waiting. */
  reset(): void {
    futexLock(this.#cells);
    const generation = Atomics.load(this.#cells, GENERATION) & GENERATION_MASK;
    Atomics.store(this.#cells, COUNT, 0);
    Atomics.store(this.#cells, GENERATION, (generation + 1) & GENERATION_MASK);
    futexUnlock(this.#cells);
    Atomics.notify(this.#cells, GENERATION);
  }

  get broken(): boolean {
    return (Atomics.load(this.#cells, GENERATION) & BROKEN) !== 0;
  }

  /** Completed rounds so far (wraps at 2^30). */
  get generation(): number {
    return Atomics.load(this.#cells, GENERATION) & GENERATION_MASK;
  }

  /** Threads waiting in the current round. */
  get waiting(): number {
    return Atomics.load(this.#cells, WAITING);
  }
}
