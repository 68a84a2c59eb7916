// Alternative correct answer: the worker is made a daemon a moment later, once it is online.
import { Worker, workerData } from 'node:worker_threads';

if (workerData?.role === 'monitor') {
  const { samples, everyMs } = workerData as { samples: Int32Array; everyMs: number };
  const nap = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    Atomics.add(samples, 0, 1);
    Atomics.wait(nap, 0, 0, everyMs);
  }
}

export function startMonitor(samples: Int32Array, everyMs: number): Worker {
  const worker = new Worker(new URL(import.meta.url), { workerData: { role: 'monitor', samples, everyMs } });
  worker.once('online', () => worker.unref());
  return worker;
}
