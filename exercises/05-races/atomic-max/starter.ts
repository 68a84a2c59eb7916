/**
 * Raises cells[index] to `value` if `value` is larger, and leaves it alone otherwise:
 * afterwards the cell holds the largest value it has ever been given. The check calls
 * this from 4 worker threads at once on the same SharedArrayBuffer.
 */
export function atomicMax(cells: Int32Array, index: number, value: number): void {
  // TODO: each step below is atomic, but the pair is not. Between the load and the
  // store another thread can store a larger value, which this store then overwrites
  // with a smaller one. Use Atomics.compareExchange in a loop: store only if the cell
  // still holds the value you compared against, and try again if it does not.
  const current = Atomics.load(cells, index);
  if (value > current) Atomics.store(cells, index, value);
}

/** Lets the check load this file in its own worker threads (leave it as it is). */
export const moduleUrl = import.meta.url;
