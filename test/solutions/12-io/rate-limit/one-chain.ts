// Wrong: every call waits on one promise chain, so a task that fails rejects all the calls after it.
export type Schedule = <T>(task: () => Promise<T>) => Promise<T>;

export function createRateLimiter(perInterval: number, intervalMs: number): Schedule {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task);
    tail = run.then(() => new Promise((resolve) => setTimeout(resolve, intervalMs / perInterval)));
    return run;
  };
}
