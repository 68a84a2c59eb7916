import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

/** Adds up every byte of the buffer. */
export function sumBytes(buffer: ArrayBuffer): number {
  const bytes = new Uint8Array(buffer);
  let sum = 0;
  for (let i = 0; i < bytes.length; i++) sum += bytes[i] ?? 0;
  return sum;
}

/** Wrong: transfers a fresh copy made by slice(), so the caller's buffer is copied after all. */
export function sumInWorker(buffer: ArrayBuffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const copy = buffer.slice(0);
    const worker = new Worker(new URL(import.meta.url), { workerData: { role: 'sum', buffer: copy }, transferList: [copy] });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

if (!isMainThread && workerData?.role === 'sum') {
  parentPort?.postMessage(sumBytes((workerData as { buffer: ArrayBuffer }).buffer));
}
