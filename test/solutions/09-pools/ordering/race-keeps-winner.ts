/**
 * Wrong: asCompleted races every promise each time without removing the winner, so an
 * early finisher wins again and again. (mapInOrder is correct here.)
 */
export interface Runner<I, O> {
  run(input: I): Promise<O>;
}

export type Outcome<T> =
  | { readonly index: number; readonly status: 'fulfilled'; readonly value: T }
  | { readonly index: number; readonly status: 'rejected'; readonly reason: unknown };

export async function mapInOrder<I, O>(pool: Runner<I, O>, inputs: readonly I[]): Promise<O[]> {
  const results = new Array<O>(inputs.length);
  await Promise.all(
    inputs.map(async (input, i) => {
      results[i] = await pool.run(input);
    }),
  );
  return results;
}

export async function* asCompleted<T>(promises: readonly Promise<T>[]): AsyncGenerator<Outcome<T>> {
  const racing = new Map(
    promises.map((promise, index) => [
      index,
      promise.then(
        (value): Outcome<T> => ({ index, status: 'fulfilled', value }),
        (reason: unknown): Outcome<T> => ({ index, status: 'rejected', reason }),
      ),
    ]),
  );
  for (let i = 0; i < promises.length; i++) {
    const outcome = await Promise.race(racing.values());
    yield outcome;
  }
}
