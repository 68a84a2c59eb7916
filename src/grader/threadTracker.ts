/**
 * Watches the worker threads that learner code starts from the grading thread: it swaps
 * `Worker` in node:worker_threads for a subclass (before the learner's module loads), so
 * that the grader can refuse unbounded thread creation and find workers left running.
 */
import { createRequire, syncBuiltinESMExports } from 'node:module';
import type * as WorkerThreads from 'node:worker_threads';
import { threadId, type Worker as WorkerType, type WorkerOptions } from 'node:worker_threads';
import { postDiagnostics } from '../runtime/diagnostics.ts';
import { hooksExecArgv, nestedStart, preludeExecArgv, preparedModule } from './nestedStart.ts';

/** More threads than this alive at once is a runaway loop, not a design. */
export const MAX_LIVE_WORKERS = 64;

interface Tracked {
  readonly worker: WorkerType;
  referenced: boolean;
}

const live = new Set<Tracked>();
let started = 0;

/** The stack of the caller's caller, for "a worker started at x.ts:9" in deadlock reports. */
function creationStack(): string {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 16;
  try {
    return new Error('started').stack ?? '';
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** Installs the tracking Worker class; call once, before any learner code is imported. */
export function trackWorkers(): void {
  // Deadlock reports name this thread, and each worker started from it (src/grader/lockWatch.ts).
  postDiagnostics({ type: 'thread', thread: threadId, grading: true });
  const threads = createRequire(import.meta.url)('node:worker_threads') as typeof WorkerThreads;
  const Original = threads.Worker;
  class TrackedWorker extends Original {
    constructor(filename: string | URL, options?: WorkerOptions) {
      if (live.size >= MAX_LIVE_WORKERS) {
        throw new Error(
          `your code tried to start more than ${MAX_LIVE_WORKERS} worker threads at once; bound the number of threads (a pool) instead of starting one per task`,
        );
      }
      // A prepared file runs as JavaScript; anything else gets the loader hooks, which this thread
      // does not run itself (see nestedStart.ts and worker.ts).
      const start = nestedStart(filename, options, preparedModule, { hooks: hooksExecArgv(), prelude: preludeExecArgv() });
      super(start.filename, start.options);
      started++;
      postDiagnostics({ type: 'thread', thread: this.threadId, ...(options?.name ? { name: options.name } : {}), stack: creationStack() });
      const entry: Tracked = { worker: this, referenced: true };
      live.add(entry);
      const thread = this.threadId;
      this.once('exit', () => {
        live.delete(entry);
        postDiagnostics({ type: 'exit', thread });
      });
      const { ref, unref } = this;
      this.ref = () => {
        entry.referenced = true;
        ref.call(this);
      };
      this.unref = () => {
        entry.referenced = false;
        unref.call(this);
      };
    }
  }
  threads.Worker = TrackedWorker;
  syncBuiltinESMExports();
}

export interface ThreadReport {
  /** Workers started from the grading thread so far. */
  readonly started: number;
  /** Referenced (non-daemon) workers still running. */
  readonly running: number;
}

/** Waits up to `graceMs` for the learner's referenced workers to exit, then reports what is left. */
export async function settleWorkers(graceMs: number): Promise<ThreadReport> {
  const deadline = Date.now() + graceMs;
  const running = (): number => [...live].filter((entry) => entry.referenced).length;
  while (running() > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  return { started, running: running() };
}
