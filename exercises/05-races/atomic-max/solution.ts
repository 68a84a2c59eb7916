/**
 * Raises cells[index] to `value` if `value` is larger, and leaves it alone otherwise:
 * afterwards the cell holds the largest value it has ever been given. The check calls
 * this from 4 worker threads at once on the same SharedArrayBuffer.
 */
export function atomicMax(cells: Int32Array, index: number, value: number): void {
  let current = Atomics.load(cells, index);
  while (value > current) {
    // Stores `value` only if the cell still holds `current`; returns what it held.
    const seen = Atomics.compareExchange(cells, index, current, value);
    if (seen === current) return;
    current = seen; // another thread got there first: compare again with its value
  }
}

/** Lets the check load this file in its own worker threads (leave it as it is). */
export const moduleUrl = import.meta.url;
