/**
 * Square numbers in a worker thread and hand the squares back to the caller.
 *
 * `workerData` reaches the worker as a structured clone, so the worker owns its own copy of
 * everything in it. The squares come back the same way: as a message, cloned again.
 */
import { Worker, parentPort, workerData } from 'node:worker_threads';

// Worker side: this file starts itself, with a role in workerData.
if (workerData?.role === 'square') {
  const values = workerData.values as number[];
  parentPort?.postMessage(values.map((value) => value * value));
}

/** Squares every value in one worker thread; resolves with the squares, in order. */
export function squareAll(values: number[]): Promise<number[]> {
  const worker = new Worker(new URL(import.meta.url), { workerData: { role: 'square', values } });
  return new Promise((resolve, reject) => {
    let squares: number[] | undefined;
    worker.once('message', (message: number[]) => (squares = message));
    worker.once('error', reject);
    // Every message is delivered before 'exit', so by now the answer has arrived.
    worker.once('exit', (code) => (squares ? resolve(squares) : reject(new Error(`the worker exited (code ${code}) without an answer`))));
  });
}
