/**
 * What the runtime tells the grader about threads that are stuck, and the shared-memory
 * layout the grader reads it from (the one place that defines it).
 *
 * A wait that lasts longer than LONG_WAIT_MS is reported once, on a BroadcastChannel that
 * reaches every thread of the process: which thread waits, on which primitive (its handle,
 * whose SharedArrayBuffer the grader keeps and reads: for a Mutex or RLock, cell OWNER of
 * futex.ts holds the owner's threadId), and the stack of the waiting call. The thread's own
 * record, a small SharedArrayBuffer sent along, says whether that wait is still going on.
 * So lock() and unlock() cost nothing extra: the owner cell was already kept, and the
 * reporting happens only after a thread has slept for LONG_WAIT_MS anyway.
 */
import { BroadcastChannel, threadId } from 'node:worker_threads';
import type { HandleKind } from './shared.ts';

/** The channel name; the grader's supervisor listens on it. */
export const DIAGNOSTICS_CHANNEL = 'threadlings:runtime-diagnostics';
/** A wait is reported once it has lasted this long. */
export const LONG_WAIT_MS = 100;

/** Thread record cell: the number of the reported wait this thread is still blocked in, 0 when none. */
export const RECORD_WAIT = 0;
export const RECORD_CELLS = 1;

/** The handle of what a thread waits on (any runtime primitive's `.handle`). */
export interface WaitTarget {
  readonly kind: HandleKind;
  readonly name: string;
  readonly buffer: SharedArrayBuffer;
}

/** "Thread `thread` has been blocked on `target` for LONG_WAIT_MS, in its wait number `wait`." */
export interface BlockedMessage {
  readonly type: 'blocked';
  readonly thread: number;
  readonly wait: number;
  /** RECORD_CELLS Int32 cells: RECORD_WAIT equals `wait` while the thread is still blocked there. */
  readonly record: SharedArrayBuffer;
  readonly target: WaitTarget;
  /** The stack of the waiting call (source-mapped where source maps are on). */
  readonly stack: string;
}

/** Sent by the grader when a thread starts: what to call it. */
export interface ThreadMessage {
  readonly type: 'thread';
  readonly thread: number;
  /** The `name` option given to `new Worker`, if any. */
  readonly name?: string;
  /** The thread that runs the check's cases (and so the learner's exported functions). */
  readonly grading?: boolean;
  /** The stack of the `new Worker` call. */
  readonly stack?: string;
}

/** Sent by the grader when a worker it started has exited: it waits for nothing any more. */
export interface ExitMessage {
  readonly type: 'exit';
  readonly thread: number;
}

export type DiagnosticsMessage = BlockedMessage | ThreadMessage | ExitMessage;

let channel: BroadcastChannel | undefined;
let record: Int32Array | undefined;
let waits = 0;

/** Posts a diagnostics message; never throws (diagnostics must not break the program). */
export function postDiagnostics(message: DiagnosticsMessage): void {
  try {
    if (!channel) {
      channel = new BroadcastChannel(DIAGNOSTICS_CHANNEL);
      channel.unref(); // never keeps a thread alive
    }
    channel.postMessage(message);
  } catch {
    // No channel (or an uncloneable target): the wait simply goes unreported.
  }
}

function stackHere(): string {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 24;
  try {
    return new Error('blocked').stack ?? '';
  } catch {
    return '';
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** Reports that this thread is blocked on `target`; returns the wait's number (for the record). */
function reportBlocked(target: WaitTarget): number {
  record ??= new Int32Array(new SharedArrayBuffer(RECORD_CELLS * Int32Array.BYTES_PER_ELEMENT));
  const wait = ++waits;
  Atomics.store(record, RECORD_WAIT, wait);
  postDiagnostics({ type: 'blocked', thread: threadId, wait, record: record.buffer as SharedArrayBuffer, target, stack: stackHere() });
  return wait;
}

/**
 * `Atomics.wait(cells, index, value, timeoutMs)`, the same result, but a wait that lasts
 * longer than LONG_WAIT_MS is reported (see above) as a wait on `target`.
 */
export function reportedWait(cells: Int32Array, index: number, value: number, timeoutMs: number, target: WaitTarget): 'ok' | 'not-equal' | 'timed-out' {
  if (timeoutMs <= LONG_WAIT_MS) return Atomics.wait(cells, index, value, timeoutMs);
  const first = Atomics.wait(cells, index, value, LONG_WAIT_MS);
  if (first !== 'timed-out') return first;
  const wait = reportBlocked(target);
  try {
    return Atomics.wait(cells, index, value, timeoutMs - LONG_WAIT_MS);
  } finally {
    if (record) Atomics.compareExchange(record, RECORD_WAIT, wait, 0);
  }
}
