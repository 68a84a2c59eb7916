/**
 * Two ways to collect a pool's results (Python's executor.map and as_completed):
 * mapInOrder gives them in input order, asCompleted in the order the tasks finish.
 * `pool` is anything with piscina's `run(input)`, for instance a Piscina instance.
 *
 * Both are written the other way round: mapInOrder collects in finishing order, and
 * asCompleted waits in input order.
 */
export interface Runner<I, O> {
  run(input: I): Promise<O>;
}

export type Outcome<T> =
  | { readonly index: number; readonly status: 'fulfilled'; readonly value: T }
  | { readonly index: number; readonly status: 'rejected'; readonly reason: unknown };

/** Runs every input on `pool` at once; resolves with the results in input order, or rejects with the first error. */
export async function mapInOrder<I, O>(pool: Runner<I, O>, inputs: readonly I[]): Promise<O[]> {
  const results: O[] = [];
  // TODO: each result belongs at its input's index, whenever it arrives.
  await Promise.all(inputs.map(async (input) => results.push(await pool.run(input))));
  return results;
}

/** Yields one outcome per promise, each as soon as that promise settles: first finished, first yielded. */
export async function* asCompleted<T>(promises: readonly Promise<T>[]): AsyncGenerator<Outcome<T>> {
  // TODO: do not wait for promise 0 while promise 3 may have settled already: yield
  // outcomes in the order the promises settle.
  for (const [index, promise] of promises.entries()) {
    try {
      yield { index, status: 'fulfilled', value: await promise };
    } catch (reason) {
      yield { index, status: 'rejected', reason };
    }
  }
}
