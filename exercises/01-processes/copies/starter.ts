/**
 * Square numbers in a worker thread and hand the squares back to the caller.
 *
 * A Python thread can fill a results list that the main thread reads after join(),
 * because both threads see the same list. This file tries the same trick with a worker:
 * it passes a `results` array in `workerData`, lets the worker fill it, and reads it
 * once the worker has exited. Run the check and see what comes back.
 */
import { Worker, parentPort, workerData } from 'node:worker_threads';

interface Task {
  readonly values: number[];
  readonly results: number[];
}

// Worker side: this file starts itself, with a role in workerData.
if (workerData?.role === 'square') {
  const task = workerData.task as Task;
  task.values.forEach((value, i) => {
    task.results[i] = value * value;
  });
  // TODO: the main thread never sees `task.results`: send the squares back instead.
}

/** Squares every value in one worker thread; resolves with the squares, in order. */
export async function squareAll(values: number[]): Promise<number[]> {
  const results = values.map(() => 0);
  const worker = new Worker(new URL(import.meta.url), { workerData: { role: 'square', task: { values, results } } });
  await new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', resolve);
  });
  // TODO: `results` is still the array this thread made; receive the worker's answer instead.
  return results;
}
