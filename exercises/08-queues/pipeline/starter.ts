/**
 * Producer/consumer across threads: the calling thread produces, `consumers` worker
 * threads consume. Items travel through one bounded SharedQueue; each consumer posts
 * one message per square it computed.
 *
 * The consumers never stop, and squareAll returns before they are done. Fix both.
 */
import { Worker, parentPort, workerData } from 'node:worker_threads';
import { SharedQueue, type SharedQueueHandle } from 'threadlings/runtime';

/** The sentinel: never a real item (items are >= 0), so it can only mean "no more work". */
export const STOP = -1;
/** At most this many items wait in the queue; put() blocks the producer beyond that. */
const CAPACITY = 4;

/** The work for one item (given: keep it). About 1 ms each, so consumers overlap. */
function work(item: number): number {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
  return item * item;
}

if (workerData?.role === 'consumer') {
  const queue = SharedQueue.from(workerData.queue as SharedQueueHandle);
  for (;;) {
    const item = queue.get() as number;
    // TODO: a consumer that takes the sentinel must leave this loop (its thread then ends).
    parentPort?.postMessage(work(item));
  }
}

/** Squares every item on `consumers` worker threads; resolves with all squares (any order) once every consumer has exited. */
export async function squareAll(items: readonly number[], consumers: number): Promise<number[]> {
  const queue = new SharedQueue(CAPACITY);
  const squares: number[] = [];
  const workers = Array.from({ length: consumers }, () => {
    const worker = new Worker(new URL(import.meta.url), { workerData: { role: 'consumer', queue: queue.handle } });
    worker.on('message', (square: number) => squares.push(square));
    return worker;
  });
  for (const item of items) queue.put(item);
  // TODO: put one STOP per consumer after the real items, then wait for every
  // worker's 'exit' event (the join) before returning.
  return squares;
}
