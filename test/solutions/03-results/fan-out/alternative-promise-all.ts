import { Worker } from 'node:worker_threads';

/** One worker, one answer: resolves with its message, rejects on 'error' or a silent exit. */
function runOne<R>(workerFile: URL, input: unknown): Promise<R> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerFile, { workerData: input });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`worker exited with code ${code} without a result`)));
  });
}

/** Alternative: Promise.all keeps the order of the promises it is given. */
export function mapInWorkers<R>(inputs: readonly unknown[], workerFile: URL): Promise<R[]> {
  return Promise.all(inputs.map((input) => runOne<R>(workerFile, input)));
}
