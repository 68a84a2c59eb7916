/**
 * Correct: one Condition for both kinds of waiters, so every change wakes them all (notifyAll).
 *
 * A mailbox with room for a few letters, shared by sender and receiver threads: send()
 * waits while it is full, receive() waits while it is empty. A Condition is how a thread
 * sleeps until another one changes what it is waiting for.
 *
 * Python: `with cond: while not box: cond.wait()`, and `cond.notify()` after a change.
 */
import { Worker, parentPort, workerData } from 'node:worker_threads';
import { Condition, Mutex, type ConditionHandle, type MutexHandle } from 'threadlings/runtime';

export interface MailboxHandle {
  readonly capacity: number;
  /** Float64 letters, a ring of `capacity` slots. */
  readonly slots: SharedArrayBuffer;
  /** Int32 cells: index of the oldest letter, number of letters. */
  readonly state: SharedArrayBuffer;
  readonly lock: MutexHandle;
  readonly changed: ConditionHandle;
}

const HEAD = 0;
const COUNT = 1;

export class Mailbox {
  readonly handle: MailboxHandle;
  readonly #slots: Float64Array;
  readonly #state: Int32Array;
  readonly #lock: Mutex;
  readonly #changed: Condition;

  /** A new mailbox with room for `capacity` letters, or the one behind `handle` (in another thread). */
  constructor(capacityOrHandle: number | MailboxHandle) {
    if (typeof capacityOrHandle === 'number') {
      const lock = new Mutex('mailbox');
      capacityOrHandle = {
        capacity: capacityOrHandle,
        slots: new SharedArrayBuffer(capacityOrHandle * Float64Array.BYTES_PER_ELEMENT),
        state: new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT),
        lock: lock.handle,
        changed: new Condition(lock, 'changed').handle,
      };
    }
    this.handle = capacityOrHandle;
    this.#slots = new Float64Array(this.handle.slots);
    this.#state = new Int32Array(this.handle.state);
    this.#lock = Mutex.from(this.handle.lock);
    this.#changed = Condition.from(this.handle.changed);
  }

  static from(handle: MailboxHandle): Mailbox {
    return new Mailbox(handle);
  }

  /** Puts a letter in; waits while the mailbox is full. */
  send(letter: number): void {
    const state = this.#state;
    const capacity = this.handle.capacity;
    this.#lock.withLock(() => {
      // A loop, not an `if`: a wake-up only means "look again".
      while ((state[COUNT] as number) === capacity) this.#changed.wait();
      this.#slots[((state[HEAD] as number) + (state[COUNT] as number)) % capacity] = letter;
      state[COUNT] = (state[COUNT] as number) + 1;
      this.#changed.notifyAll();
    });
  }

  /** Takes the oldest letter out; waits while the mailbox is empty. */
  receive(): number {
    const state = this.#state;
    return this.#lock.withLock(() => {
      while ((state[COUNT] as number) === 0) this.#changed.wait();
      const head = state[HEAD] as number;
      state[HEAD] = (head + 1) % this.handle.capacity;
      state[COUNT] = (state[COUNT] as number) - 1;
      this.#changed.notifyAll();
      return this.#slots[head] as number;
    });
  }
}

// ---- Given: the post office. No need to change anything below this line. ----

/** Cells of `office`: go for receivers, go for senders, letters received so far. */
export const OFFICE = { receiversGo: 0, sendersGo: 1, received: 2 } as const;

export interface PostOfficeOptions {
  readonly senders: number;
  readonly receivers: number;
  /** Letters each sender sends; their total must divide evenly among the receivers. */
  readonly letters: number;
  readonly office: SharedArrayBuffer;
}

interface Role {
  readonly role: 'sender' | 'receiver';
  readonly index: number;
  readonly box: MailboxHandle;
  readonly options: PostOfficeOptions;
}

if (workerData?.role === 'sender' || workerData?.role === 'receiver') {
  const { role, index, box: handle, options } = workerData as Role;
  const box = Mailbox.from(handle);
  const office = new Int32Array(options.office);
  parentPort?.postMessage('ready');
  Atomics.wait(office, role === 'sender' ? OFFICE.sendersGo : OFFICE.receiversGo, 0);
  if (role === 'sender') {
    // Letter i of sender s is the number (s + 1) * 1e6 + i: never 0, the value of an empty slot.
    for (let i = 0; i < options.letters; i++) box.send((index + 1) * 1e6 + i);
    parentPort?.postMessage([]);
  } else {
    const got: number[] = [];
    const quota = (options.senders * options.letters) / options.receivers;
    for (let i = 0; i < quota; i++) {
      got.push(box.receive());
      Atomics.add(office, OFFICE.received, 1);
    }
    parentPort?.postMessage(got);
  }
}

function nextMessage<T>(worker: Worker): Promise<T> {
  return new Promise((resolve, reject) => {
    worker.once('message', resolve).once('error', reject);
    worker.once('exit', (code) => reject(new Error(`a post office worker exited (code ${code}) before reporting`)));
  });
}

/**
 * Starts the receivers (first, on an empty mailbox) and then the senders, all in their
 * own threads; resolves with the letters each receiver got, in the order it got them.
 */
export async function runPostOffice(box: MailboxHandle, options: PostOfficeOptions): Promise<number[][]> {
  const start = (role: Role['role'], index: number): Worker =>
    new Worker(new URL(import.meta.url), { workerData: { role, index, box, options } satisfies Role });
  const receivers = Array.from({ length: options.receivers }, (_, i) => start('receiver', i));
  const senders = Array.from({ length: options.senders }, (_, i) => start('sender', i));
  await Promise.all([...receivers, ...senders].map((worker) => nextMessage(worker)));
  const reports = [...receivers, ...senders].map((worker) => nextMessage<number[]>(worker));
  const office = new Int32Array(options.office);
  Atomics.store(office, OFFICE.receiversGo, 1);
  Atomics.notify(office, OFFICE.receiversGo);
  await new Promise((resolve) => setTimeout(resolve, 20)); // the receivers find the mailbox empty
  Atomics.store(office, OFFICE.sendersGo, 1);
  Atomics.notify(office, OFFICE.sendersGo);
  return (await Promise.all(reports)).slice(0, options.receivers);
}
