// A common wrong answer: the load and the store are each atomic, but another thread can
// still write between them, so updates are lost just as with counter[0]++.
export function increment(counter: Int32Array): void {
  Atomics.store(counter, 0, Atomics.load(counter, 0) + 1);
}

export const moduleUrl = import.meta.url;
