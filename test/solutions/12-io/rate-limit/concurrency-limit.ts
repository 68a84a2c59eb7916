// Wrong: limits how many tasks run at once, not how many start per interval.
export type Schedule = <T>(task: () => Promise<T>) => Promise<T>;

export function createRateLimiter(perInterval: number, _intervalMs: number): Schedule {
  let running = 0;
  const queue: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= perInterval) await new Promise<void>((resolve) => queue.push(resolve));
    running += 1;
    try {
      return await task();
    } finally {
      running -= 1;
      queue.shift()?.();
    }
  };
}
