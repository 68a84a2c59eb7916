// An alternative correct answer: a compare-and-swap loop, the general pattern behind
// every atomic read-modify-write (Atomics.add is the one-call version of it).
export function increment(counter: Int32Array): void {
  for (;;) {
    const old = Atomics.load(counter, 0);
    if (Atomics.compareExchange(counter, 0, old, old + 1) === old) return;
  }
}

export const moduleUrl = import.meta.url;
