// Wrong answer: the counter sits on an ordinary ArrayBuffer, so the worker counts in a copy.
import { Worker, workerData } from 'node:worker_threads';

/** The work of one step: under a millisecond of arithmetic. */
function step(seed: number): number {
  let x = seed;
  for (let i = 0; i < 100_000; i++) x = (x * 31 + i) % 1_000_003;
  return x;
}

// Worker side: count from 1 to `limit`, publishing the count after every step.
if (workerData?.role === 'count') {
  const { limit, counter } = workerData as { limit: number; counter: Int32Array };
  let seed = 1;
  for (let done = 1; done <= limit; done++) {
    seed = step(seed);
    Atomics.store(counter, 0, done);
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
  const counter = new Int32Array(1);
  const worker = new Worker(new URL(import.meta.url), { workerData: { role: 'count', limit, counter } });
  const finished = new Promise<number>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', () => resolve(Atomics.load(counter, 0)));
  });
  return { progress: () => Atomics.load(counter, 0), finished };
}
