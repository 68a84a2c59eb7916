/**
 * Event: a shared flag threads can wait on (Python's threading.Event). set() raises it
 * and wakes every waiter; clear() lowers it; wait() returns at once while it is raised.
 */
import { reportedWait } from './diagnostics.ts';
import { checkHandle, deadlineOf, defaultName, remaining, sharedCells, waitAsync } from './shared.ts';

export interface EventHandle {
  readonly kind: 'event';
  readonly name: string;
  readonly buffer: SharedArrayBuffer;
}

const FLAG = 0;
const WAITERS = 1;
/** Counts set() calls, so a waiter woken by set() returns true even if clear() came right after. */
const SETS = 2;
let adopted: EventHandle | undefined;

export class Event {
  readonly handle: EventHandle;
  readonly name: string;
  readonly #cells: Int32Array;

  constructor(name?: string) {
    const handle = adopted;
    adopted = undefined;
    this.#cells = handle ? new Int32Array(handle.buffer) : sharedCells(3);
    this.name = handle?.name ?? name ?? defaultName('event');
    this.handle = handle ?? { kind: 'event', name: this.name, buffer: this.#cells.buffer as SharedArrayBuffer };
  }

  static from(handle: EventHandle): Event {
    checkHandle(handle, 'event');
    adopted = handle;
    return new Event();
  }

  /** Raises the flag and wakes every thread waiting for it. */
  set(): void {
    Atomics.store(this.#cells, FLAG, 1);
    Atomics.add(this.#cells, SETS, 1);
    Atomics.notify(this.#cells, SETS);
  }

  /** Lowers the flag; later wait() calls block until the next set(). */
  clear(): void {
    Atomics.store(this.#cells, FLAG, 0);
  }

  isSet(): boolean {
    return Atomics.load(this.#cells, FLAG) === 1;
  }

  /** Blocks until the flag is raised or `timeoutMs` passes; returns the flag (false on timeout). */
  wait(timeoutMs?: number): boolean {
    const deadline = deadlineOf(timeoutMs);
    const sets = Atomics.load(this.#cells, SETS);
    while (!this.#signalled(sets)) {
      const left = remaining(deadline);
      if (left <= 0) return false;
      Atomics.add(this.#cells, WAITERS, 1);
      reportedWait(this.#cells, SETS, sets, left, this.handle);
      Atomics.sub(this.#cells, WAITERS, 1);
    }
    return true;
  }

  /** Like wait(), without blocking the event loop (Atomics.waitAsync). */
  async waitAsync(timeoutMs?: number): Promise<boolean> {
    const deadline = deadlineOf(timeoutMs);
    const sets = Atomics.load(this.#cells, SETS);
    while (!this.#signalled(sets)) {
      const left = remaining(deadline);
      if (left <= 0) return false;
      Atomics.add(this.#cells, WAITERS, 1);
      await waitAsync(this.#cells, SETS, sets, left);
      Atomics.sub(this.#cells, WAITERS, 1);
    }
    return true;
  }

  get waiters(): number {
    return Atomics.load(this.#cells, WAITERS);
  }

  #signalled(setsBefore: number): boolean {
    return this.isSet() || Atomics.load(this.#cells, SETS) !== setsBefore;
  }
}
