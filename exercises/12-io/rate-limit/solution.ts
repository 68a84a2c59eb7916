import { performance } from 'node:perf_hooks';

/** Runs `task` when the rate limit allows, and settles like the promise `task` returns. */
export type Schedule = <T>(task: () => Promise<T>) => Promise<T>;

/**
 * A rate limiter: at most `perInterval` tasks may start in any window of `intervalMs`
 * milliseconds. A task that would break the limit waits (first come, first served) and
 * starts as soon as the oldest of the last `perInterval` starts is `intervalMs` old.
 */
export function createRateLimiter(perInterval: number, intervalMs: number): Schedule {
  const recentStarts: number[] = []; // the last `perInterval` start times, oldest first
  const waiting: (() => void)[] = [];
  let timer: NodeJS.Timeout | undefined;

  function admit(): void {
    timer = undefined;
    while (waiting.length > 0) {
      const now = performance.now();
      if (recentStarts.length === perInterval) {
        const freeAt = recentStarts[0]! + intervalMs;
        if (now < freeAt) {
          timer = setTimeout(admit, freeAt - now); // a timer may fire early: admit checks again
          return;
        }
        recentStarts.shift();
      }
      recentStarts.push(now);
      waiting.shift()!();
    }
  }

  return <T>(task: () => Promise<T>): Promise<T> => {
    const turn = new Promise<void>((resolve) => waiting.push(resolve));
    if (timer === undefined) admit();
    return turn.then(task);
  };
}
