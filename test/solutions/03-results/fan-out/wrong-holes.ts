import { Worker } from 'node:worker_threads';

/** Wrong: stores by index, but counts answers with results.length, which holes inflate. */
export function mapInWorkers<R>(inputs: readonly unknown[], workerFile: URL): Promise<R[]> {
  return new Promise((resolve, reject) => {
    const results: R[] = [];
    if (inputs.length === 0) return resolve(results);
    inputs.forEach((input, index) => {
      const worker = new Worker(workerFile, { workerData: input });
      worker.once('message', (result: R) => {
        results[index] = result;
        if (results.length === inputs.length) resolve(results);
      });
      worker.once('error', reject);
    });
  });
}
