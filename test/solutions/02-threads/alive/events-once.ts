// Alternative correct answer: one events.once() promise made in track(), raced against a
// timer in join(); isAlive() reads a flag set when that promise settles.
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Worker } from 'node:worker_threads';

export interface Tracked {
  isAlive(): boolean;
  join(timeoutMs?: number): Promise<boolean>;
}

export function track(worker: Worker): Tracked {
  let alive = true;
  const exited = once(worker, 'exit').then(() => {
    alive = false;
    return true;
  });
  return {
    isAlive: () => alive,
    async join(timeoutMs?: number): Promise<boolean> {
      if (timeoutMs === undefined) return exited;
      const abort = new AbortController();
      const timedOut = sleep(timeoutMs, false, { signal: abort.signal }).catch(() => false);
      const result = await Promise.race([exited, timedOut]);
      abort.abort();
      return result;
    },
  };
}
