/** Wrong: never more than the limit, but only because it never runs two tasks at once. */
export async function runLimited<T>(tasks: readonly (() => Promise<T>)[], _limit: number): Promise<T[]> {
  const results: T[] = [];
  const errors: unknown[] = [];
  for (const task of tasks) {
    try {
      results.push(await task());
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length > 0) throw new AggregateError(errors);
  return results;
}
