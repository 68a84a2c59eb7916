/**
 * Watches the worker threads that learner code starts from the grading thread: it swaps
 * `Worker` in node:worker_threads for a subclass (before the learner's module loads), so
 * that the grader can refuse unbounded thread creation, find workers left running, and find
 * workers whose outcome nobody listened for (unjoined: see findUnjoined.ts).
 */
import { threadId, type Worker as WorkerType, type WorkerOptions } from 'node:worker_threads';
import { GRADER_LISTENER } from '../check/learnerListeners.ts';
import { postDiagnostics } from '../runtime/diagnostics.ts';
import { learnerWorkerStart } from './nestedStart.ts';
import { replaceWorker } from './replaceWorker.ts';

/** More threads than this alive at once is a runaway loop, not a design. */
export const MAX_LIVE_WORKERS = 64;

/** What the tracker saw of one worker: where it was started, and whether anyone joined it. */
export interface SeenWorker {
  /** The stack of the `new Worker` call. */
  readonly stack: string;
  /** Someone other than the tracker attached an 'exit', 'error', 'message' or 'messageerror' listener. */
  listened: boolean;
  /** terminate() was called. */
  terminated: boolean;
  /** unref() was called: a daemon by design. */
  unrefd: boolean;
}

interface Tracked {
  readonly worker: WorkerType;
  referenced: boolean;
}

/** The events through which a worker's outcome (result, error, end) reaches whoever started it. */
const OUTCOMES: ReadonlySet<string | symbol> = new Set(['exit', 'error', 'message', 'messageerror']);

const live = new Set<Tracked>();
/** Every worker started from this thread, in order (the records only: the Worker objects may go). */
const seen: SeenWorker[] = [];
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
  replaceWorker(
    (Original) =>
      class TrackedWorker extends Original {
        constructor(filename: string | URL, options?: WorkerOptions) {
          if (live.size >= MAX_LIVE_WORKERS) {
            throw new Error(
              `your code tried to start more than ${MAX_LIVE_WORKERS} worker threads at once; bound the number of threads (a pool) instead of starting one per task`,
            );
          }
          // A prepared file runs as JavaScript; anything else gets the loader hooks, which this thread
          // does not run itself (see nestedStart.ts and worker.ts).
          const start = learnerWorkerStart(filename, options);
          super(start.filename, start.options);
          started++;
          const stack = creationStack();
          postDiagnostics({ type: 'thread', thread: this.threadId, ...(options?.name ? { name: options.name } : {}), stack });
          const entry: Tracked = { worker: this, referenced: true };
          live.add(entry);
          const record: SeenWorker = { stack, listened: false, terminated: false, unrefd: false };
          seen.push(record);
          const thread = this.threadId;
          let exited = false;
          let internal = false;
          const onExit = Object.assign(
            (): void => {
              exited = true;
              live.delete(entry);
              postDiagnostics({ type: 'exit', thread });
            },
            { [GRADER_LISTENER]: true },
          );
          // 'newListener' fires for every way of listening: on, once, addListener, prepend*, events.once.
          const onNewListener = Object.assign(
            (event: string | symbol): void => {
              if (!internal && OUTCOMES.has(event)) record.listened = true;
            },
            { [GRADER_LISTENER]: true },
          );
          // The exit listener goes first, so that only others' listeners count.
          const attach = (): void => {
            internal = true;
            if (!exited && !this.listeners('exit').includes(onExit)) this.once('exit', onExit);
            if (!this.listeners('newListener').includes(onNewListener)) this.on('newListener', onNewListener);
            internal = false;
          };
          attach();
          // Learner code that clears a worker's listeners (removeAllListeners()) must not blind the
          // tracker: the worker would look leaked, and its later joins unheard.
          const { removeAllListeners, ref, unref, terminate } = this;
          this.removeAllListeners = (...args: unknown[]) => {
            Reflect.apply(removeAllListeners, this, args);
            attach();
            return this;
          };
          this.ref = () => {
            entry.referenced = true;
            ref.call(this);
          };
          this.unref = () => {
            entry.referenced = false;
            record.unrefd = true;
            unref.call(this);
          };
          this.terminate = (...args: unknown[]) => {
            record.terminated = true;
            return Reflect.apply(terminate, this, args) as Promise<number>;
          };
        }
      },
  );
}

export interface ThreadReport {
  /** Workers started from the grading thread so far. */
  readonly started: number;
  /** Referenced (non-daemon) workers still running. */
  readonly running: number;
  /** Every worker started from the grading thread so far, in order. */
  readonly workers: readonly SeenWorker[];
}

/** Waits up to `graceMs` for the learner's referenced workers to exit, then reports what is left. */
export async function settleWorkers(graceMs: number): Promise<ThreadReport> {
  const deadline = Date.now() + graceMs;
  const running = (): number => [...live].filter((entry) => entry.referenced).length;
  while (running() > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  return { started, running: running(), workers: seen.map((record) => ({ ...record })) };
}
