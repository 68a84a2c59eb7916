/**
 * Loaded with `--import` in a worker thread that runs JavaScript the CLI prepared (see
 * nestedStart.ts): it installs no loader hooks, but sends the workers this thread starts the
 * same way, so that one started from a TypeScript file still gets them.
 */
import { createRequire, syncBuiltinESMExports } from 'node:module';
import type * as WorkerThreads from 'node:worker_threads';
import type { WorkerOptions } from 'node:worker_threads';
import { learnerWorkerStart } from './nestedStart.ts';

const threads = createRequire(import.meta.url)('node:worker_threads') as typeof WorkerThreads;
const Original = threads.Worker;
threads.Worker = class extends Original {
  constructor(filename: string | URL, options?: WorkerOptions) {
    const start = learnerWorkerStart(filename, options);
    super(start.filename, start.options);
  }
};
syncBuiltinESMExports();
