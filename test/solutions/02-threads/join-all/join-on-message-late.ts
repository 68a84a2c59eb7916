// Wrong answer: waits for each worker's last message instead of its exit, and blocks its own
// thread meanwhile, so that every worker has posted and stopped before the message is read.
// Node then delivers each last message together with the worker's 'exit', so the workers
// look joined when runAll resolves: only the missing 'exit' listener gives it away. (This is
// what a busy machine does to join-on-message.ts now and then.)
import { once } from 'node:events';
import { Worker, parentPort, workerData } from 'node:worker_threads';

if (workerData?.role === 'task') {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.ms as number);
  parentPort?.postMessage('done');
}

export async function runAll(count: number, ms = 50): Promise<number[]> {
  const workers = Array.from({ length: count }, () => new Worker(new URL(import.meta.url), { workerData: { role: 'task', ms } }));
  const ids = workers.map((worker) => worker.threadId);
  const lastMessages = Promise.all(workers.map((worker) => once(worker, 'message')));
  const until = Date.now() + ms + 1000;
  while (Date.now() < until) {
    // busy: the workers finish meanwhile
  }
  await lastMessages;
  return ids;
}
