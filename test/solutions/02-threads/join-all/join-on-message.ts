// Wrong answer: waits for each worker's last message ("done") instead of its exit. The
// message arrives before the thread has stopped, so this is not a join.
import { once } from 'node:events';
import { Worker, parentPort, workerData } from 'node:worker_threads';

if (workerData?.role === 'task') {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.ms as number);
  parentPort?.postMessage('done');
}

export async function runAll(count: number, ms = 50): Promise<number[]> {
  const workers = Array.from({ length: count }, () => new Worker(new URL(import.meta.url), { workerData: { role: 'task', ms } }));
  const ids = workers.map((worker) => worker.threadId);
  await Promise.all(workers.map((worker) => once(worker, 'message')));
  return ids;
}
