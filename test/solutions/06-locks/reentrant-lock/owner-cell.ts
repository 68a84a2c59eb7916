// Correct, written another way: the owner's threadId is kept in a cell of its own (like
// Python's RLock, which stores the owner's ident), instead of asking the Mutex for its owner.
/**
 * A reentrant lock (Python's threading.RLock) built on a plain Mutex: the thread that
 * holds it may lock it again, and it is free once that thread has unlocked it as many
 * times as it locked it. Any other thread waits, as with a plain lock.
 *
 * Python: `lock = threading.RLock()`; `with lock:` inside a method called under `with lock:`.
 */
import { threadId } from 'node:worker_threads';
import { Mutex, type MutexHandle } from 'threadlings/runtime';

export interface ReentrantLockHandle {
  readonly mutex: MutexHandle;
  /** 4 Int32 cells for your bookkeeping, all 0 at first, shared by every thread. */
  readonly state: SharedArrayBuffer;
}

const OWNER = 0;
const COUNT = 1;
const NOBODY = -1;

export class ReentrantLock {
  readonly handle: ReentrantLockHandle;
  readonly #mutex: Mutex;
  readonly #state: Int32Array;

  /** A new lock, or (with a handle from another thread) the same lock as that one. */
  constructor(handle?: ReentrantLockHandle) {
    this.handle = handle ?? { mutex: new Mutex('reentrant-lock').handle, state: new SharedArrayBuffer(4 * Int32Array.BYTES_PER_ELEMENT) };
    this.#mutex = Mutex.from(this.handle.mutex);
    this.#state = new Int32Array(this.handle.state);
  }

  static from(handle: ReentrantLockHandle): ReentrantLock {
    return new ReentrantLock(handle);
  }

  #isMine(): boolean {
    // 0 is the main thread's id, so "nobody" must be another value: the count says whether the owner cell is valid.
    return Atomics.load(this.#state, COUNT) > 0 && Atomics.load(this.#state, OWNER) === threadId;
  }

  #take(): void {
    Atomics.store(this.#state, OWNER, threadId);
    Atomics.store(this.#state, COUNT, 1);
  }

  lock(): void {
    if (this.#isMine()) {
      Atomics.add(this.#state, COUNT, 1);
      return;
    }
    this.#mutex.lock();
    this.#take();
  }

  tryLock(): boolean {
    if (this.#isMine()) {
      Atomics.add(this.#state, COUNT, 1);
      return true;
    }
    if (!this.#mutex.tryLock()) return false;
    this.#take();
    return true;
  }

  unlock(): void {
    if (!this.#isMine()) throw new Error(`thread ${threadId} cannot unlock a lock it does not hold`);
    if (Atomics.sub(this.#state, COUNT, 1) > 1) return;
    Atomics.store(this.#state, OWNER, NOBODY);
    this.#mutex.unlock();
  }
}

// ---- Given: an inventory that uses the lock. No need to change anything below this line. ----

export interface InventoryHandle {
  readonly lock: ReentrantLockHandle;
  /** Int32 stock counts, one per item. */
  readonly stock: SharedArrayBuffer;
}

/** Stock counts shared by every thread that has the handle, guarded by one ReentrantLock. */
export class Inventory {
  readonly handle: InventoryHandle;
  readonly #lock: ReentrantLock;
  readonly #stock: Int32Array;

  constructor(itemsOrHandle: number | InventoryHandle) {
    this.handle =
      typeof itemsOrHandle === 'number'
        ? { lock: new ReentrantLock().handle, stock: new SharedArrayBuffer(itemsOrHandle * Int32Array.BYTES_PER_ELEMENT) }
        : itemsOrHandle;
    this.#lock = ReentrantLock.from(this.handle.lock);
    this.#stock = new Int32Array(this.handle.stock);
  }

  /** Adds `n` of `item`, holding the lock (a plain read-modify-write: safe only under the lock). */
  add(item: number, n: number): void {
    this.#lock.lock();
    try {
      this.#stock[item] = (this.#stock[item] as number) + n;
    } finally {
      this.#lock.unlock();
    }
  }

  /** Adds `n` of every item as one step: it holds the lock while add() takes it again for each item. */
  restockAll(n: number): void {
    this.#lock.lock();
    try {
      for (let item = 0; item < this.#stock.length; item++) this.add(item, n);
    } finally {
      this.#lock.unlock();
    }
  }

  count(item: number): number {
    return Atomics.load(this.#stock, item);
  }
}

/** Lets the check load this file in its own worker threads (leave it as it is). */
export const moduleUrl = import.meta.url;
