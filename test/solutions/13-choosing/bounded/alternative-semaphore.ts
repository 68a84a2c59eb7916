/**
 * Alternative: every task waits for a permit from a small semaphore, and
 * Promise.allSettled joins them all before anything is reported.
 */
export async function runLimited<T>(tasks: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  let free = limit;
  const waiting: (() => void)[] = [];
  const acquire = async (): Promise<void> => {
    if (free > 0) {
      free--;
      return;
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  };
  const release = (): void => {
    const next = waiting.shift();
    if (next) next(); // hand the permit straight on
    else free++;
  };
  const settled = await Promise.allSettled(
    tasks.map(async (task) => {
      await acquire();
      try {
        return await task();
      } finally {
        release();
      }
    }),
  );
  const errors = settled.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
  if (errors.length > 0) throw new AggregateError(errors, `${errors.length} tasks failed`);
  return settled.map((outcome) => (outcome as PromiseFulfilledResult<T>).value);
}
