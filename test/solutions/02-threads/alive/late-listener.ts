// Wrong answer: isAlive() is right, but join() adds its 'exit' listener when it is called,
// so for a worker that has already exited it waits for an event that never comes.
import type { Worker } from 'node:worker_threads';

export interface Tracked {
  isAlive(): boolean;
  join(timeoutMs?: number): Promise<boolean>;
}

export function track(worker: Worker): Tracked {
  let alive = true;
  worker.once('exit', () => (alive = false));
  return {
    isAlive: () => alive,
    join: (timeoutMs?: number) =>
      new Promise<boolean>((resolve) => {
        const timer = timeoutMs === undefined ? undefined : setTimeout(() => resolve(false), timeoutMs);
        worker.once('exit', () => {
          clearTimeout(timer);
          resolve(true);
        });
      }),
  };
}
