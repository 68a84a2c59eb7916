/**
 * Correct: built on the runtime's SharedQueue (a Mutex and Conditions inside).
 *
 * A mailbox with room for a few letters, shared by sender and receiver threads: send()
 * waits while it is full, receive() waits while it is empty. A Condition is how a thread
 * sleeps until another one changes what it is waiting for.
 *
 * Python: `with cond: while not box: cond.wait()`, and `cond.notify()` after a change.
 */
import { Worker, parentPort, workerData } from 'node:worker_threads';
import { SharedQueue, type SharedQueueHandle } from 'threadlings/runtime';

export type MailboxHandle = SharedQueueHandle;

/** The runtime's SharedQueue already is a bounded FIFO that blocks when full or empty. */
export class Mailbox {
  readonly handle: MailboxHandle;
  readonly #queue: SharedQueue;

  constructor(capacityOrHandle: number | MailboxHandle) {
    this.#queue = typeof capacityOrHandle === 'number' ? new SharedQueue(capacityOrHandle, 'mailbox') : SharedQueue.from(capacityOrHandle);
    this.handle = this.#queue.handle;
  }

  static from(handle: MailboxHandle): Mailbox {
    return new Mailbox(handle);
  }

  send(letter: number): void {
    this.#queue.put(letter);
  }

  receive(): number {
    return this.#queue.get() as number;
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
