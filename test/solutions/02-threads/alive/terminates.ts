// Wrong answer: join(timeout) kills the worker when the time runs out. A join with a
// timeout should only stop waiting.
import type { Worker } from 'node:worker_threads';

export interface Tracked {
  isAlive(): boolean;
  join(timeoutMs?: number): Promise<boolean>;
}

export function track(worker: Worker): Tracked {
  let alive = true;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  void exited.then(() => (alive = false));
  return {
    isAlive: () => alive,
    join(timeoutMs?: number): Promise<boolean> {
      if (!alive) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer =
          timeoutMs === undefined
            ? undefined
            : setTimeout(() => {
                void worker.terminate();
                resolve(false);
              }, timeoutMs);
        void exited.then(() => {
          clearTimeout(timer);
          resolve(true);
        });
      });
    },
  };
}
