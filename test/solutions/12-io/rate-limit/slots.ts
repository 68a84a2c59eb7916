// A correct alternative: perInterval slots; a slot taken by a start comes back intervalMs later.
export type Schedule = <T>(task: () => Promise<T>) => Promise<T>;

export function createRateLimiter(perInterval: number, intervalMs: number): Schedule {
  let free = perInterval;
  const queue: (() => void)[] = [];
  const giveBack = (): void => {
    const next = queue.shift();
    if (next) next();
    else free += 1;
  };
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (free > 0) free -= 1;
    else await new Promise<void>((resolve) => queue.push(resolve));
    setTimeout(giveBack, intervalMs);
    return task();
  };
}
