// Wrong answer: starts a worker, joins it, then starts the next: correct ids, no overlap.
import { once } from 'node:events';
import { Worker, workerData } from 'node:worker_threads';

if (workerData?.role === 'task') {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.ms as number);
}

export async function runAll(count: number, ms = 50): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const worker = new Worker(new URL(import.meta.url), { workerData: { role: 'task', ms } });
    ids.push(worker.threadId);
    await once(worker, 'exit');
  }
  return ids;
}
