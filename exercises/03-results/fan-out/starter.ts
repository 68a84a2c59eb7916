import { Worker } from 'node:worker_threads';

/**
 * Fans out: starts one worker per input, all at once, each running `workerFile` with
 * its input as `workerData`. Every worker posts exactly one message, its result.
 * Resolves with the results in the order of `inputs` (result i belongs to input i),
 * like Python's `executor.map`; rejects if a worker fails.
 *
 * The workers finish in whatever order they finish: the check makes sure that order
 * is not the order of the inputs.
 */
export function mapInWorkers<R>(inputs: readonly unknown[], workerFile: URL): Promise<R[]> {
  return new Promise((resolve, reject) => {
    const results: R[] = [];
    if (inputs.length === 0) return resolve(results);
    for (const input of inputs) {
      const worker = new Worker(workerFile, { workerData: input });
      worker.once('message', (result: R) => {
        // TODO: push() keeps the results in the order the workers finish, not the
        // order of the inputs. Store each result at its input's index instead, and
        // resolve once every worker has answered (count them: `results.length` is
        // not a count when the array has holes).
        results.push(result);
        if (results.length === inputs.length) resolve(results);
      });
      worker.once('error', reject);
    }
  });
}
