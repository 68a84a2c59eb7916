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

/** Wrong: handles 'message' and 'error' but never looks at 'exit'. */
export function runInWorker(name: TaskName, args: readonly unknown[]): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: { role: 'task', name, args } });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

// Only a worker started by runInWorker runs this (after everything above is defined).
if (!isMainThread && workerData?.role === 'task') {
  const { name, args } = workerData as { name: TaskName; args: unknown[] };
  const task = tasks[name] as (...taskArgs: unknown[]) => unknown;
  parentPort?.postMessage(task(...args));
}
