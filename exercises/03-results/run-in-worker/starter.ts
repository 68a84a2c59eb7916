import { Worker, isMainThread, parentPort, threadId, workerData } from 'node:worker_threads';

/**
 * The jobs a worker can run, by name. Leave them as they are: the check calls
 * `runInWorker('square', [7])`, `runInWorker('fail', ['disk full'])` and so on.
 */
export const tasks = {
  square: (n: number): number => n * n,
  /** A Map survives the trip: workerData is copied with the structured clone algorithm. */
  total: (prices: Map<string, number>): number => [...prices.values()].reduce((sum, price) => sum + price, 0),
  whereAmI: (): { threadId: number; isMainThread: boolean } => ({ threadId, isMainThread }),
  fail: (message: string): never => {
    throw new RangeError(message);
  },
  /** Ends the worker with an exit code, without sending anything back. */
  quit: (code: number): never => process.exit(code),
};

export type TaskName = keyof typeof tasks;

/**
 * Runs `tasks[name](...args)` in a new worker thread (this same file, started with
 * role 'task') and settles with what happened there, like Python's ReturnValueThread:
 * - resolves with the task's return value;
 * - rejects with the task's own error when it throws;
 * - rejects when the worker exits without sending a result.
 */
export function runInWorker(name: TaskName, args: readonly unknown[]): Promise<unknown> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: { role: 'task', name, args } });
    worker.once('message', resolve);
    // TODO: this listener swallows the worker's error, so the promise never settles
    // when a task throws. Reject with that error instead, and also reject when the
    // worker exits ('exit' event, with its exit code) before it posted a result.
    worker.on('error', () => {});
  });
}

// Only a worker started by runInWorker runs this (after everything above is defined).
if (!isMainThread && workerData?.role === 'task') {
  const { name, args } = workerData as { name: TaskName; args: unknown[] };
  const task = tasks[name] as (...taskArgs: unknown[]) => unknown;
  parentPort?.postMessage(task(...args));
}
