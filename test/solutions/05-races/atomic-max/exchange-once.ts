// A common wrong answer: one compareExchange and no retry. When another thread changed
// the cell first, the exchange fails and a larger value can be dropped.
export function atomicMax(cells: Int32Array, index: number, value: number): void {
  const current = Atomics.load(cells, index);
  if (value > current) Atomics.compareExchange(cells, index, current, value);
}

export const moduleUrl = import.meta.url;
