/**
 * Count in a worker thread and let the caller watch the count go up while it runs.
 *
 * This version reports progress the usual Node way: the worker posts a message after every
 * step and `progress()` returns the last count received. It looks right, yet a caller that
 * is busy (running synchronous code, like a Python thread polling a shared counter) sees
 * nothing move. Make `progress()` read memory the worker writes to directly.
 */
import { Worker, parentPort, workerData } from 'node:worker_threads';

/** The work of one step: under a millisecond of arithmetic. */
function step(seed: number): number {
  let x = seed;
  for (let i = 0; i < 100_000; i++) x = (x * 31 + i) % 1_000_003;
  return x;
}

// Worker side: count from 1 to `limit`, publishing the count after every step.
if (workerData?.role === 'count') {
  const { limit } = workerData as { limit: number };
  let seed = 1;
  for (let done = 1; done <= limit; done++) {
    seed = step(seed);
    // TODO: a message waits in a queue until the receiving thread's event loop reads it.
    parentPort?.postMessage(done);
  }
}

export interface Job {
  /** How many steps the worker has done so far; callable at any time, from synchronous code too. */
  progress(): number;
  /** Resolves with the final count once the worker has exited. */
  readonly finished: Promise<number>;
}

/** Starts a worker that counts to `limit`, and returns at once. */
export function countInWorker(limit: number): Job {
  let count = 0;
  const worker = new Worker(new URL(import.meta.url), { workerData: { role: 'count', limit } });
  // TODO: this listener only runs when this thread's event loop gets a turn.
  worker.on('message', (done: number) => (count = done));
  const finished = new Promise<number>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', () => resolve(count));
  });
  return { progress: () => count, finished };
}
