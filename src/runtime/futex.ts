/**
 * The three-state futex lock (Ulrich Drepper, "Futexes Are Tricky", mutex #2) on an
 * Int32Array, shared by Mutex, RLock and Barrier. Cell STATE is 0 (unlocked), 1 (locked)
 * or 2 (locked, and someone may be waiting). OWNER holds the owner's threadId (-1 when
 * free) for diagnostics; WAITERS counts threads currently blocked, also for diagnostics.
 */
import { reportedWait, type WaitTarget } from './diagnostics.ts';
import { currentThread, deadlineOf, remaining, sharedCells, waitAsync } from './shared.ts';

export const STATE = 0;
export const OWNER = 1;
export const WAITERS = 2;
/** The cells a futex lock needs; primitives put their own cells after these. */
export const FUTEX_CELLS = 3;

const UNLOCKED = 0;
const LOCKED = 1;
const CONTENDED = 2;

/** Fresh cells for a lock: unlocked, no owner, plus `extra` cells for the caller. */
export function futexCells(extra = 0): Int32Array {
  const cells = sharedCells(FUTEX_CELLS + extra);
  Atomics.store(cells, OWNER, -1);
  return cells;
}

/**
 * Takes the lock, blocking up to `timeoutMs` (undefined: forever; 0: just try). A wait
 * longer than a moment is reported to the grader as a wait on `target` (diagnostics.ts).
 */
export function futexLock(cells: Int32Array, timeoutMs?: number, target?: WaitTarget): boolean {
  let c = Atomics.compareExchange(cells, STATE, UNLOCKED, LOCKED);
  if (c !== UNLOCKED) {
    if (timeoutMs !== undefined && timeoutMs <= 0) return false;
    const deadline = deadlineOf(timeoutMs);
    if (c !== CONTENDED) c = Atomics.exchange(cells, STATE, CONTENDED);
    while (c !== UNLOCKED) {
      const left = remaining(deadline);
      if (left <= 0) return false;
      Atomics.add(cells, WAITERS, 1);
      if (target) reportedWait(cells, STATE, CONTENDED, left, target);
      else Atomics.wait(cells, STATE, CONTENDED, left);
      Atomics.sub(cells, WAITERS, 1);
      c = Atomics.exchange(cells, STATE, CONTENDED);
    }
  }
  Atomics.store(cells, OWNER, currentThread);
  return true;
}

/** Takes the lock without blocking the event loop (Atomics.waitAsync). */
export async function futexLockAsync(cells: Int32Array): Promise<void> {
  let c = Atomics.compareExchange(cells, STATE, UNLOCKED, LOCKED);
  if (c !== UNLOCKED) {
    if (c !== CONTENDED) c = Atomics.exchange(cells, STATE, CONTENDED);
    while (c !== UNLOCKED) {
      Atomics.add(cells, WAITERS, 1);
      await waitAsync(cells, STATE, CONTENDED);
      Atomics.sub(cells, WAITERS, 1);
      c = Atomics.exchange(cells, STATE, CONTENDED);
    }
  }
  Atomics.store(cells, OWNER, currentThread);
}

/** Releases the lock; wakes one waiter only if someone may be waiting (state was 2). */
export function futexUnlock(cells: Int32Array): void {
  Atomics.store(cells, OWNER, -1);
  if (Atomics.sub(cells, STATE, 1) !== LOCKED) {
    Atomics.store(cells, STATE, UNLOCKED);
    Atomics.notify(cells, STATE, 1);
  }
}

/** Throws a clear Error unless the calling thread holds the lock; `what` names the call. */
export function assertOwner(cells: Int32Array, name: string, what: string): void {
  const owner = Atomics.load(cells, OWNER);
  if (owner === currentThread) return;
  const held = owner === -1 ? 'it is not locked' : `it is held by thread ${owner}`;
  throw new Error(`${what} on ${name} from thread ${currentThread}, but ${held}: only the thread that locked it may do that`);
}

export function ownerOf(cells: Int32Array): number {
  return Atomics.load(cells, OWNER);
}
