// Wrong: unrefs the timer inside the worker instead of the worker. The worker's own event
// loop then has nothing to wait for, so the worker ends at once and never samples.
import { Worker, workerData } from 'node:worker_threads';

if (workerData?.role === 'monitor') {
  const { samples, everyMs } = workerData as { samples: Int32Array; everyMs: number };
  setInterval(() => Atomics.add(samples, 0, 1), everyMs).unref();
}

export function startMonitor(samples: Int32Array, everyMs: number): Worker {
  return new Worker(new URL(import.meta.url), { workerData: { role: 'monitor', samples, everyMs } });
}
