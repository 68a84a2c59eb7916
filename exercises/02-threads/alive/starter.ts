/**
 * Python's `t.is_alive()` and `t.join(timeout)` for a Node worker.
 *
 * A Worker object has neither. It emits 'exit' once, when the thread stops, and that is
 * all there is to go on: `track()` is called right after `new Worker` and must remember
 * what happens, so `isAlive()` and `join()` can answer at any time later.
 */
import type { Worker } from 'node:worker_threads';

export interface Tracked {
  /** True until the worker has exited (Python's `is_alive()`). */
  isAlive(): boolean;
  /**
   * Waits for the worker to exit; resolves true once it has (at once if it already had),
   * or false when `timeoutMs` runs out first. Giving up does not stop the worker.
   */
  join(timeoutMs?: number): Promise<boolean>;
}

export function track(worker: Worker): Tracked {
  return {
    // TODO: remember the 'exit' event and answer from that.
    isAlive: () => true,
    // TODO: honour timeoutMs, and answer at once for a worker that has already exited.
    join: (_timeoutMs?: number) => new Promise<boolean>((resolve) => worker.once('exit', () => resolve(true))),
  };
}
