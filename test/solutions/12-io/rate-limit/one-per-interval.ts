// Wrong (too slow): lets one task through per interval instead of perInterval of them.
export type Schedule = <T>(task: () => Promise<T>) => Promise<T>;

export function createRateLimiter(_perInterval: number, intervalMs: number): Schedule {
  let nextStart = 0;
  return async <T>(task: () => Promise<T>): Promise<T> => {
    const now = Date.now();
    const at = Math.max(now, nextStart);
    nextStart = at + intervalMs;
    if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
    return task();
  };
}
