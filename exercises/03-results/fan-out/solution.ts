import { Worker } from 'node:worker_threads';

/**
 * Fans out: starts one worker per input, all at once, each running `workerFile` with
 * its input as `workerData`. Every worker posts exactly one message, its result.
 * Resolves with the results in the order of `inputs` (result i belongs to input i),
 * like Python's `executor.map`; rejects if a worker fails.
 */
export function mapInWorkers<R>(inputs: readonly unknown[], workerFile: URL): Promise<R[]> {
  return new Promise((resolve, reject) => {
    const results = new Array<R>(inputs.length);
    let answered = 0;
    if (inputs.length === 0) return resolve(results);
    inputs.forEach((input, index) => {
      const worker = new Worker(workerFile, { workerData: input });
      worker.once('message', (result: R) => {
        // The slot is fixed by the input's index, whenever the answer arrives.
        results[index] = result;
        answered += 1;
        if (answered === inputs.length) resolve(results);
      });
      worker.once('error', reject);
      worker.once('exit', (code) => {
        if (!(index in results)) {
          reject(new Error(`the worker for input ${index} exited with code ${code} without a result`));
        }
      });
    });
  });
}
