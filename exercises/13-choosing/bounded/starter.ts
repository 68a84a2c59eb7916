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
  // TODO: this starts every task at once, however many there are (the limit is
  // ignored), and Promise.all rejects at the first failure: the other errors are lost,
  // and the promise settles while tasks are still running.
  return Promise.all(tasks.map((task) => task()));
}
