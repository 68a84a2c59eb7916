// A common wrong answer: plain typed-array reads and writes, a check and then a store.
export function atomicMax(cells: Int32Array, index: number, value: number): void {
  if (value > cells[index]!) cells[index] = value;
}

export const moduleUrl = import.meta.url;
