/**
 * A minimal mutex over one Int32Array slot of a SharedArrayBuffer: the three-state futex
 * lock from Ulrich Drepper's "Futexes Are Tricky" (0 free, 1 locked, 2 locked with
 * waiters). Waiters sleep in Atomics.wait, so it must run on a worker thread (or a main
 * thread that may block).
 *
 * Both functions are self-contained: their source text is sent to worker threads.
 */
export function lockMutex(cells: Int32Array, index: number): void {
  let state = Atomics.compareExchange(cells, index, 0, 1);
  if (state === 0) return; // it was free and is ours now
  if (state !== 2) state = Atomics.exchange(cells, index, 2);
  while (state !== 0) {
    Atomics.wait(cells, index, 2); // sleep while it is locked with waiters
    state = Atomics.exchange(cells, index, 2);
  }
}

export function unlockMutex(cells: Int32Array, index: number): void {
  // 1 -> 0: nobody waits. 2 -> 1 means waiters may sleep: free it and wake one.
  if (Atomics.sub(cells, index, 1) !== 1) {
    Atomics.store(cells, index, 0);
    Atomics.notify(cells, index, 1);
  }
}
