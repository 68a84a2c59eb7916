// Wrong: a counter that resets on a fixed clock; around a reset, up to twice the limit start.
export type Schedule = <T>(task: () => Promise<T>) => Promise<T>;

export function createRateLimiter(perInterval: number, intervalMs: number): Schedule {
  let used = 0;
  const queue: (() => void)[] = [];
  const reset = setInterval(() => {
    used = 0;
    while (used < perInterval && queue.length > 0) {
      used += 1;
      queue.shift()!();
    }
  }, intervalMs);
  reset.unref();
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (used < perInterval) used += 1;
    else await new Promise<void>((resolve) => queue.push(resolve));
    return task();
  };
}
