/**
 * Adds 1 to counter[0]. The check calls this from 4 worker threads at once, millions of
 * times, all on the same SharedArrayBuffer: every call must count.
 */
export function increment(counter: Int32Array): void {
  // TODO: `counter[0]++` is three steps: read the cell, add 1, write it back. Another
  // thread can read the same old value in between, and then both write old + 1: one of
  // the two updates is lost. Make the read-modify-write one atomic step.
  // (The `!` only tells TypeScript that cell 0 exists.)
  counter[0]!++;
}

/** Lets the check load this file in its own worker threads (leave it as it is). */
export const moduleUrl = import.meta.url;
