// An alternative correct answer: the retry loop written the other way round, re-reading
// the cell on every pass instead of reusing what compareExchange returned.
export function atomicMax(cells: Int32Array, index: number, value: number): void {
  for (;;) {
    const current = Atomics.load(cells, index);
    if (current >= value) return;
    if (Atomics.compareExchange(cells, index, current, value) === current) return;
  }
}

export const moduleUrl = import.meta.url;
