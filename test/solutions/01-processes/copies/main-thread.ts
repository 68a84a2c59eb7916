// Wrong answer: the right numbers, but computed on the calling thread; no worker at all.
export async function squareAll(values: number[]): Promise<number[]> {
  return values.map((value) => value * value);
}
