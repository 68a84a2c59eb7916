/**
 * Adds 1 to counter[0]. The check calls this from 4 worker threads at once, millions of
 * times, all on the same SharedArrayBuffer: every call must count.
 */
export function increment(counter: Int32Array): void {
  // One indivisible read-add-write: no other thread can come between its steps.
  Atomics.add(counter, 0, 1);
}

/** Lets the check load this file in its own worker threads (leave it as it is). */
export const moduleUrl = import.meta.url;
