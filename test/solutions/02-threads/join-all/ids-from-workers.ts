// Alternative correct answer: each worker reports its own threadId by message, and the
// caller joins every worker with events.once(worker, 'exit').
import { once } from 'node:events';
import { Worker, parentPort, threadId, workerData } from 'node:worker_threads';

if (workerData?.role === 'task') {
  parentPort?.postMessage(threadId);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.ms as number);
}

export async function runAll(count: number, ms = 50): Promise<number[]> {
  const workers = Array.from({ length: count }, () => new Worker(new URL(import.meta.url), { workerData: { role: 'task', ms } }));
  const ids = workers.map((worker) => once(worker, 'message').then(([id]) => id as number));
  await Promise.all(workers.map((worker) => once(worker, 'exit')));
  return Promise.all(ids);
}
