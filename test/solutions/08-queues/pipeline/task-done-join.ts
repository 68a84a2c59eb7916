/**
 * Correct, shaped like the Python idiom: consumers mark each item with taskDone(), the
 * producer waits on queue.join() before sending the sentinels, and each consumer sends its
 * squares in one batch as it stops; the caller joins every thread with events.once.
 */
import { once } from 'node:events';
import { Worker, parentPort, workerData } from 'node:worker_threads';
import { SharedQueue, type SharedQueueHandle } from 'threadlings/runtime';

export const STOP = -1;

if (workerData?.role === 'consumer') {
  const queue = SharedQueue.from(workerData.queue as SharedQueueHandle);
  const mine: number[] = [];
  let item = queue.get() as number;
  while (item !== STOP) {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
    mine.push(item * item);
    queue.taskDone();
    item = queue.get() as number;
  }
  queue.taskDone();
  parentPort?.postMessage(mine);
}

export async function squareAll(items: readonly number[], consumers: number): Promise<number[]> {
  const queue = new SharedQueue(2);
  const workers = Array.from({ length: consumers }, () => new Worker(new URL(import.meta.url), { workerData: { role: 'consumer', queue: queue.handle } }));
  const batches: number[][] = [];
  for (const worker of workers) worker.on('message', (batch: number[]) => batches.push(batch));
  for (const item of items) queue.put(item);
  queue.join();
  for (const _ of workers) queue.put(STOP);
  await Promise.all(workers.map((worker) => once(worker, 'exit')));
  return batches.flat();
}
