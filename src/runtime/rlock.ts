/**
 * RLock: a reentrant lock shared across worker threads (Python's threading.RLock). The
 * thread that holds it may lock it again; it is free once unlocked as many times as it
 * was locked. Owner threadId and count live in shared memory beside the futex cells.
 */
import { assertOwner, FUTEX_CELLS, futexCells, futexLock, futexLockAsync, futexUnlock, ownerOf, WAITERS } from './futex.ts';
import { checkHandle, currentThread, defaultName } from './shared.ts';

export interface RLockHandle {
  readonly kind: 'rlock';
  readonly name: string;
  readonly buffer: SharedArrayBuffer;
}

const COUNT = FUTEX_CELLS;
let adopted: RLockHandle | undefined;

export class RLock {
  readonly handle: RLockHandle;
  readonly name: string;
  readonly #cells: Int32Array;

  constructor(name?: string) {
    const handle = adopted;
    adopted = undefined;
    this.#cells = handle ? new Int32Array(handle.buffer) : futexCells(1);
    this.name = handle?.name ?? name ?? defaultName('rlock');
    this.handle = handle ?? { kind: 'rlock', name: this.name, buffer: this.#cells.buffer as SharedArrayBuffer };
  }

  static from(handle: RLockHandle): RLock {
    checkHandle(handle, 'rlock');
    adopted = handle;
    return new RLock();
  }

  /** Takes the lock, or counts one more level if this thread already holds it. */
  lock(): void {
    if (this.#reenter()) return;
    futexLock(this.#cells, undefined, this.handle);
    Atomics.store(this.#cells, COUNT, 1);
  }

  tryLock(timeoutMs = 0): boolean {
    if (this.#reenter()) return true;
    if (!futexLock(this.#cells, timeoutMs, this.handle)) return false;
    Atomics.store(this.#cells, COUNT, 1);
    return true;
  }

  /** Drops one level; the lock is free when the count reaches 0. Throws unless this thread holds it. */
  unlock(): void {
    assertOwner(this.#cells, this.name, 'unlock()');
    if (Atomics.sub(this.#cells, COUNT, 1) > 1) return;
    futexUnlock(this.#cells);
  }

  /**
   * Waits without blocking the event loop. Ownership is per thread, not per async task:
   * if this thread already holds it, this just counts one more level.
   */
  async lockAsync(): Promise<void> {
    if (this.#reenter()) return;
    await futexLockAsync(this.#cells);
    Atomics.store(this.#cells, COUNT, 1);
  }

  withLock<T>(fn: () => T): T {
    this.lock();
    try {
      return fn();
    } finally {
      this.unlock();
    }
  }

  async withLockAsync<T>(fn: () => T | Promise<T>): Promise<T> {
    await this.lockAsync();
    try {
      return await fn();
    } finally {
      this.unlock();
    }
  }

  /** Locks and returns a guard that unlocks one level once when disposed. */
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

  get owner(): number {
    return ownerOf(this.#cells);
  }

  /** How many times the owner has locked it (0 when free). */
  get count(): number {
    return this.owner === -1 ? 0 : Atomics.load(this.#cells, COUNT);
  }

  get locked(): boolean {
    return this.owner !== -1;
  }

  get waiters(): number {
    return Atomics.load(this.#cells, WAITERS);
  }

  #reenter(): boolean {
    if (ownerOf(this.#cells) !== currentThread) return false;
    Atomics.add(this.#cells, COUNT, 1);
    return true;
  }
}
