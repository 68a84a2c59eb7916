/**
 * Condition: wait until another thread says something changed (Python's
 * threading.Condition). Always used with its Mutex held: wait() releases the mutex,
 * sleeps, and takes it back before returning. A wake-up only means "look again", so
 * waiters check their predicate in a loop (waitFor does that for you).
 *
 * Like every condition variable, wait() may return without a notify (a spurious wake-up).
 * This one does so on purpose, on every SPURIOUS_EVERY-th wait() on the condition, so that
 * code which waits with `if` instead of a predicate loop fails every time, not once a month.
 */
import { reportedWait } from './diagnostics.ts';
import { Mutex, type MutexHandle } from './mutex.ts';
import { checkHandle, currentThread, deadlineOf, defaultName, remaining, sharedCells } from './shared.ts';

export interface ConditionHandle {
  readonly kind: 'condition';
  readonly name: string;
  readonly buffer: SharedArrayBuffer;
  readonly mutex: MutexHandle;
}

/** Bumped by every notify, so a waiter that has not gone to sleep yet still sees it. */
const SEQ = 0;
const WAITERS = 1;
/** Counts wait() calls, to pick the ones that wake up spuriously. */
const WAITS = 2;
export const SPURIOUS_EVERY = 4;
let adopted: ConditionHandle | undefined;

export class Condition {
  readonly handle: ConditionHandle;
  readonly name: string;
  readonly mutex: Mutex;
  readonly #cells: Int32Array;

  constructor(mutex: Mutex, name?: string) {
    const handle = adopted;
    adopted = undefined;
    if (!handle && !(mutex instanceof Mutex)) throw new TypeError('a Condition needs the Mutex it works with: new Condition(mutex)');
    this.mutex = handle ? Mutex.from(handle.mutex) : mutex;
    this.#cells = handle ? new Int32Array(handle.buffer) : sharedCells(3);
    this.name = handle?.name ?? name ?? defaultName('condition');
    this.handle = handle ?? { kind: 'condition', name: this.name, buffer: this.#cells.buffer as SharedArrayBuffer, mutex: mutex.handle };
  }

  static from(handle: ConditionHandle): Condition {
    checkHandle(handle, 'condition');
    adopted = handle;
    return new Condition(undefined as unknown as Mutex);
  }

  /**
   * Releases the mutex, sleeps until notified (or `timeoutMs` passes), then takes the
   * mutex back. Returns false on timeout. Must be called holding the mutex. May return
   * early without a notify (see above): check your predicate again after it returns.
   */
  wait(timeoutMs?: number): boolean {
    this.#assertHeld('wait()');
    const seq = Atomics.load(this.#cells, SEQ);
    const spurious = (Atomics.add(this.#cells, WAITS, 1) >>> 0) % SPURIOUS_EVERY === SPURIOUS_EVERY - 1;
    // Counted as a waiter only once the mutex is free, so that a snapshot never shows this
    // thread both holding the mutex and waiting on the condition.
    this.mutex.unlock();
    Atomics.add(this.#cells, WAITERS, 1);
    let result = 'ok';
    try {
      if (!spurious) result = reportedWait(this.#cells, SEQ, seq, remaining(deadlineOf(timeoutMs)), this.handle);
    } finally {
      Atomics.sub(this.#cells, WAITERS, 1);
      this.mutex.lock();
    }
    return result !== 'timed-out';
  }

  /** Waits until `predicate()` is true (checked holding the mutex); returns its last value. */
  waitFor(predicate: () => boolean, timeoutMs?: number): boolean {
    const deadline = deadlineOf(timeoutMs);
    let ok = predicate();
    while (!ok) {
      const left = remaining(deadline);
      if (left <= 0) break;
      this.wait(left);
      ok = predicate();
    }
    return ok;
  }

  /** Wakes up to `n` threads waiting on this condition. Must be called holding the mutex. */
  notify(n = 1): void {
    this.#assertHeld('notify()');
    if (n <= 0) return;
    Atomics.add(this.#cells, SEQ, 1);
    Atomics.notify(this.#cells, SEQ, n);
  }

  /** Wakes every waiting thread. Must be called holding the mutex. */
  notifyAll(): void {
    this.#assertHeld('notifyAll()');
    Atomics.add(this.#cells, SEQ, 1);
    Atomics.notify(this.#cells, SEQ);
  }

  /** Locks the mutex and returns a guard that unlocks it: `using _ = condition.acquire();`. */
  acquire(): Disposable {
    return this.mutex.acquire();
  }

  /** Runs `fn` holding the mutex (Python's `with condition:`). */
  withLock<T>(fn: () => T): T {
    return this.mutex.withLock(fn);
  }

  /** Threads sleeping in wait() right now (a diagnostic snapshot). */
  get waiters(): number {
    return Atomics.load(this.#cells, WAITERS);
  }

  #assertHeld(what: string): void {
    const owner = this.mutex.owner;
    if (owner === currentThread) return;
    const held = owner === -1 ? 'nobody holds it' : `thread ${owner} holds it`;
    throw new Error(`${what} on ${this.name} from thread ${currentThread} without holding its mutex ${this.mutex.name} (${held}): lock the mutex first`);
  }
}
