/**
 * Helpers shared by the runtime's primitives: the calling thread's id, default names,
 * shared Int32 cells, deadlines, and a typed `Atomics.waitAsync` (ES2024, Node >= 16).
 */
import { threadId } from 'node:worker_threads';

/** The id of the thread running this code (`worker_threads.threadId`; 0 on the main thread). */
export const currentThread: number = threadId;

/** Every primitive's handle names its kind, so `lockState` and `from` can check it. */
export type HandleKind = 'mutex' | 'rlock' | 'semaphore' | 'event' | 'condition' | 'barrier' | 'queue';

const counters = new Map<string, number>();

/** `mutex#1`, `mutex#2`, ... counted per kind and per thread. */
export function defaultName(kind: HandleKind): string {
  const next = (counters.get(kind) ?? 0) + 1;
  counters.set(kind, next);
  return `${kind}#${next}`;
}

/** `length` Int32 cells in a fresh SharedArrayBuffer (all 0). */
export function sharedCells(length: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(length * Int32Array.BYTES_PER_ELEMENT));
}

/** Throws a clear TypeError unless `handle` is a handle of `kind` (what `X.from` accepts). */
export function checkHandle(handle: unknown, kind: HandleKind): void {
  const h = handle as { kind?: unknown; buffer?: unknown } | null;
  if (!h || typeof h !== 'object' || h.kind !== kind || !(h.buffer instanceof SharedArrayBuffer)) {
    const got = h && typeof h === 'object' ? `a handle of kind ${String(h.kind)}` : String(handle);
    throw new TypeError(`expected the handle of a ${kind} (its .handle property), got ${got}`);
  }
}

const clock = performance.now.bind(performance);

/** The time after which a wait of `timeoutMs` gives up; `undefined` means never. */
export function deadlineOf(timeoutMs: number | undefined): number {
  if (timeoutMs === undefined || timeoutMs === Infinity) return Infinity;
  if (Number.isNaN(timeoutMs)) throw new RangeError('a timeout must be a number of milliseconds, got NaN');
  return clock() + Math.max(0, timeoutMs);
}

/** Milliseconds left before `deadline` (Infinity for none, 0 once passed). */
export function remaining(deadline: number): number {
  return deadline === Infinity ? Infinity : Math.max(0, deadline - clock());
}

type WaitAsyncResult = { async: false; value: 'not-equal' | 'timed-out' } | { async: true; value: Promise<'ok' | 'timed-out'> };
const atomicsWaitAsync = (Atomics as unknown as {
  waitAsync(cells: Int32Array, index: number, value: number, timeout?: number): WaitAsyncResult;
}).waitAsync;

/** `Atomics.waitAsync` as a promise: resolves with 'ok', 'not-equal' or 'timed-out'; never blocks. */
export async function waitAsync(cells: Int32Array, index: number, value: number, timeoutMs = Infinity): Promise<'ok' | 'not-equal' | 'timed-out'> {
  return atomicsWaitAsync(cells, index, value, timeoutMs).value;
}
