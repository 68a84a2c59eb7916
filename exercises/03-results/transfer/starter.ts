import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

/** Adds up every byte of the buffer (leave it as it is). */
export function sumBytes(buffer: ArrayBuffer): number {
  const bytes = new Uint8Array(buffer);
  let sum = 0;
  for (let i = 0; i < bytes.length; i++) sum += bytes[i] ?? 0;
  return sum;
}

/**
 * Adds up the bytes of `buffer` in a new worker thread (this same file, started with
 * role 'sum') and resolves with the total.
 *
 * The caller hands the buffer over and will not use it again, so it should move to
 * the worker, not be copied: afterwards the caller's `buffer.byteLength` is 0.
 */
export function sumInWorker(buffer: ArrayBuffer): Promise<number> {
  return new Promise((resolve, reject) => {
    // TODO: workerData is copied with the structured clone algorithm, so the worker
    // gets its own copy of every byte and the caller keeps the original. Transfer the
    // buffer instead: list it in the `transferList` option.
    const worker = new Worker(new URL(import.meta.url), { workerData: { role: 'sum', buffer } });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the worker exited with code ${code} before it answered`)));
  });
}

// Only the worker started by sumInWorker runs this (after everything above is defined).
if (!isMainThread && workerData?.role === 'sum') {
  parentPort?.postMessage(sumBytes((workerData as { buffer: ArrayBuffer }).buffer));
}
