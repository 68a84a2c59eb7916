/**
 * Mutex: a non-reentrant lock shared across worker threads (Python's threading.Lock).
 * A three-state futex on one Int32 cell; the owner's threadId is kept in shared memory
 * so that a wrong unlock() throws and deadlock diagnostics can name who holds what.
 */
import { assertOwner, futexCells, futexLock, futexLockAsync, futexUnlock, ownerOf, STATE, WAITERS } from './futex.ts';
import { checkHandle, currentThread, defaultName } from './shared.ts';

export interface MutexHandle {
  readonly kind: 'mutex';
  readonly name: string;
  readonly buffer: SharedArrayBuffer;
}

/** Set by Mutex.from just around `new Mutex()`, so the public constructor takes only a name. */
let adopted: MutexHandle | undefined;

export class Mutex {
  readonly handle: MutexHandle;
  readonly name: string;
  readonly #cells: Int32Array;

  constructor(name?: string) {
    const handle = adopted;
    adopted = undefined;
    this.#cells = handle ? new Int32Array(handle.buffer) : futexCells();
    this.name = handle?.name ?? name ?? defaultName('mutex');
    this.handle = handle ?? { kind: 'mutex', name: this.name, buffer: this.#cells.buffer as SharedArrayBuffer };
  }

  /** Rebuilds the mutex in another thread from its `handle` (sent with postMessage or workerData). */
  static from(handle: MutexHandle): Mutex {
    checkHandle(handle, 'mutex');
    adopted = handle;
    return new Mutex();
  }

  /** Blocks this thread until the mutex is free, then takes it. Throws if this thread already holds it. */
  lock(): void {
    this.#refuseRelock('lock()');
    futexLock(this.#cells, undefined, this.handle);
  }

  /** Takes the mutex if it is free within `timeoutMs` (0: do not wait); true when taken, false at once if this thread holds it. */
  tryLock(timeoutMs = 0): boolean {
    if (ownerOf(this.#cells) === currentThread) return false;
    return futexLock(this.#cells, timeoutMs, this.handle);
  }

  /** Releases the mutex; throws unless this thread holds it. */
  unlock(): void {
    assertOwner(this.#cells, this.name, 'unlock()');
    futexUnlock(this.#cells);
  }

  /**
   * Waits for the mutex without blocking the event loop (Atomics.waitAsync). Ownership is
   * per thread: while you wait, keep this thread's event loop free so the wake-up can run.
   */
  lockAsync(): Promise<void> {
    return futexLockAsync(this.#cells);
  }

  /** Runs `fn` holding the mutex and always releases it (Python's `with lock:`). */
  withLock<T>(fn: () => T): T {
    this.lock();
    try {
      return fn();
    } finally {
      this.unlock();
    }
  }

  /** The async form of withLock: awaits lockAsync(), then `fn`, then releases. */
  async withLockAsync<T>(fn: () => T | Promise<T>): Promise<T> {
    await this.lockAsync();
    try {
      return await fn();
    } finally {
      this.unlock();
    }
  }

  /** Locks and returns a guard that unlocks once when disposed: `using _ = mutex.acquire();`. */
  acquire(): Disposable {
    this.lock();
    let held = true;
    return {
      [Symbol.dispose]: () => {
        if (held) this.unlock();
        held = false;
      },
    };
  }

  /** The threadId of the holder, or -1 when free. */
  get owner(): number {
    return ownerOf(this.#cells);
  }

  get locked(): boolean {
    return Atomics.load(this.#cells, STATE) !== 0;
  }

  /** How many threads are blocked waiting for it right now (a diagnostic snapshot). */
  get waiters(): number {
    return Atomics.load(this.#cells, WAITERS);
  }

  #refuseRelock(what: string): void {
    if (ownerOf(this.#cells) !== currentThread) return;
    throw new Error(
      `${what} on ${this.name} from thread ${currentThread}, which already holds it: a Mutex is not reentrant, ` +
        'so this would wait forever (use RLock to lock again from the same thread)',
    );
  }
}
