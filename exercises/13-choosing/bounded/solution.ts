/**
 * Runs the tasks with at most `limit` of them in flight at any moment (a task is in
 * flight from the call `task()` until its promise settles), starting the next one as
 * soon as a slot frees up.
 *
 * Resolves with every result, in the order of `tasks`. If any task fails, every other
 * task still runs to the end, and then the returned promise rejects with an
 * AggregateError holding every error: nothing is lost, nothing is left running.
 */
export async function runLimited<T>(tasks: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results = new Array<T>(tasks.length);
  const errors: unknown[] = [];
  let next = 0;
  // A lane takes the next task as soon as its previous one settled; `limit` lanes
  // means at most `limit` tasks in flight.
  const lane = async (): Promise<void> => {
    while (next < tasks.length) {
      const index = next++;
      const task = tasks[index];
      if (!task) continue;
      try {
        results[index] = await task();
      } catch (error) {
        errors.push(error);
      }
    }
  };
  const lanes = Math.max(1, Math.min(limit, tasks.length));
  await Promise.all(Array.from({ length: lanes }, lane));
  // Every lane has finished, so every task has settled: now report all failures at once.
  if (errors.length > 0) throw new AggregateError(errors, `${errors.length} of ${tasks.length} tasks failed`);
  return results;
}
