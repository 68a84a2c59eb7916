import { createRequire, syncBuiltinESMExports } from 'node:module';
import type * as WorkerThreads from 'node:worker_threads';

type WorkerClass = typeof WorkerThreads.Worker;

/**
 * Puts the class `replacement` makes (a subclass of the original Worker) in node:worker_threads,
 * for `require` and `import` alike, so that the original cannot be reached back: not through the
 * class's prototype chain and not through `worker.constructor`. With the original, learner code
 * could start a thread outside the grader's sandbox and tracking.
 */
export function replaceWorker(
  replacement: (Original: WorkerClass) => WorkerClass,
  threads: typeof WorkerThreads = createRequire(import.meta.url)('node:worker_threads') as typeof WorkerThreads,
): void {
  const Original = threads.Worker;
  const Replacement = replacement(Original);
  const above: unknown = Object.getPrototypeOf(Original);
  const sealed = new Proxy(Replacement, { getPrototypeOf: () => above as object | null });
  for (const prototype of [Original.prototype, Replacement.prototype]) {
    Object.defineProperty(prototype, 'constructor', { value: sealed, writable: true, configurable: true, enumerable: false });
  }
  threads.Worker = sealed;
  syncBuiltinESMExports();
}
