import type { WorkerOptions } from 'node:worker_threads';
import { learnerWorkerStart } from './nestedStart.ts';
import { replaceWorker } from './replaceWorker.ts';

/**
 * In a thread that learner code started: the workers it starts in turn run prepared JavaScript
 * or get the loader hooks, and always stay inside the grader's sandbox (see nestedStart.ts).
 */
export function installNestedWorker(): void {
  replaceWorker(
    (Original) =>
      class extends Original {
        constructor(filename: string | URL, options?: WorkerOptions) {
          const start = learnerWorkerStart(filename, options);
          super(start.filename, start.options);
        }
      },
  );
}
