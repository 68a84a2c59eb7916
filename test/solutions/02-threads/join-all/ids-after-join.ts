// Wrong answer: joins every worker, then reads threadId, which is -1 once a worker has exited.
import { once } from 'node:events';
import { Worker, workerData } from 'node:worker_threads';

if (workerData?.role === 'task') {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.ms as number);
}

export async function runAll(count: number, ms = 50): Promise<number[]> {
  const workers = Array.from({ length: count }, () => new Worker(new URL(import.meta.url), { workerData: { role: 'task', ms } }));
  await Promise.all(workers.map((worker) => once(worker, 'exit')));
  return workers.map((worker) => worker.threadId);
}
