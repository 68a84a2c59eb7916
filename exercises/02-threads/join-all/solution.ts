/**
 * Start several workers at once, wait until every one of them has finished, and report
 * which threads did the work.
 *
 * Python: create the threads, start() them all, then join() each one. Node has no join()
 * method: a worker has finished when it emits 'exit'.
 */
import { Worker, workerData } from 'node:worker_threads';

// Worker side: each task waits `ms` milliseconds (think of a download), then ends.
if (workerData?.role === 'task') {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.ms as number);
}

/** Node's `thread.join()`: resolves with the exit code once the worker has stopped. */
function join(worker: Worker): Promise<number> {
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', resolve);
  });
}

/**
 * Starts `count` workers, all running at the same time, and resolves once every one of
 * them has exited, with their threadIds in the order they were started.
 */
export async function runAll(count: number, ms = 50): Promise<number[]> {
  const workers: Worker[] = [];
  for (let i = 0; i < count; i++) {
    workers.push(new Worker(new URL(import.meta.url), { workerData: { role: 'task', ms } }));
  }
  // Read the ids now: once a worker has exited, its threadId reads -1.
  const ids = workers.map((worker) => worker.threadId);
  // Start them all first, then join them all, so they run side by side.
  await Promise.all(workers.map(join));
  return ids;
}
