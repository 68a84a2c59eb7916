/**
 * Two ways to collect a pool's results (Python's executor.map and as_completed):
 * mapInOrder gives them in input order, asCompleted in the order the tasks finish.
 * `pool` is anything with piscina's `run(input)`, for instance a Piscina instance.
 */
export interface Runner<I, O> {
  run(input: I): Promise<O>;
}

export type Outcome<T> =
  | { readonly index: number; readonly status: 'fulfilled'; readonly value: T }
  | { readonly index: number; readonly status: 'rejected'; readonly reason: unknown };

/** Runs every input on `pool` at once; resolves with the results in input order, or rejects with the first error. */
export function mapInOrder<I, O>(pool: Runner<I, O>, inputs: readonly I[]): Promise<O[]> {
  return Promise.all(inputs.map((input) => pool.run(input)));
}

/** Yields one outcome per promise, each as soon as that promise settles: first finished, first yielded. */
export async function* asCompleted<T>(promises: readonly Promise<T>[]): AsyncGenerator<Outcome<T>> {
  const settled: Outcome<T>[] = [];
  let wake: (() => void) | undefined;
  promises.forEach((promise, index) => {
    promise.then(
      (value) => settled.push({ index, status: 'fulfilled', value }),
      (reason: unknown) => settled.push({ index, status: 'rejected', reason }),
    ).finally(() => wake?.());
  });
  for (let yielded = 0; yielded < promises.length; yielded++) {
    while (settled.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    yield settled.shift() as Outcome<T>;
  }
}
