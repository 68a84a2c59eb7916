import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

/** Adds up every byte of the buffer. */
export function sumBytes(buffer: ArrayBuffer): number {
  const bytes = new Uint8Array(buffer);
  let sum = 0;
  for (let i = 0; i < bytes.length; i++) sum += bytes[i] ?? 0;
  return sum;
}

/** Alternative: start the worker, then move the buffer with postMessage's transfer list. */
export function sumInWorker(buffer: ArrayBuffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: { role: 'sum-by-message' } });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.postMessage(buffer, [buffer]);
  });
}

if (!isMainThread && workerData?.role === 'sum-by-message') {
  parentPort?.once('message', (buffer: ArrayBuffer) => parentPort?.postMessage(sumBytes(buffer)));
}
