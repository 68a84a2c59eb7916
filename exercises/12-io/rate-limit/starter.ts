/** Runs `task` when the rate limit allows, and settles like the promise `task` returns. */
export type Schedule = <T>(task: () => Promise<T>) => Promise<T>;

/**
 * A rate limiter: at most `perInterval` tasks may start in any window of `intervalMs`
 * milliseconds. A task that would break the limit waits (first come, first served) and
 * starts as soon as the oldest of the last `perInterval` starts is `intervalMs` old.
 */
export function createRateLimiter(perInterval: number, intervalMs: number): Schedule {
  // TODO: remember when recent tasks started, and make a task wait while
  // `perInterval` of them started less than `intervalMs` ago.
  return <T>(task: () => Promise<T>): Promise<T> => task();
}
