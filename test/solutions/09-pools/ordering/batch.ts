/**
 * Wrong: asCompleted notes the order in which the promises settle, but yields nothing until
 * all of them have: the right order, too late. (mapInOrder is correct here.)
 */
export interface Runner<I, O> {
  run(input: I): Promise<O>;
}

export type Outcome<T> =
  | { readonly index: number; readonly status: 'fulfilled'; readonly value: T }
  | { readonly index: number; readonly status: 'rejected'; readonly reason: unknown };

export function mapInOrder<I, O>(pool: Runner<I, O>, inputs: readonly I[]): Promise<O[]> {
  return Promise.all(inputs.map((input) => pool.run(input)));
}

export async function* asCompleted<T>(promises: readonly Promise<T>[]): AsyncGenerator<Outcome<T>> {
  const order: Outcome<T>[] = [];
  await Promise.all(
    promises.map((promise, index) =>
      promise.then(
        (value) => void order.push({ index, status: 'fulfilled', value }),
        (reason: unknown) => void order.push({ index, status: 'rejected', reason }),
      ),
    ),
  );
  yield* order;
}
