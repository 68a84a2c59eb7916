/**
 * A background monitor: a worker that adds 1 to `samples[0]` every `everyMs`, for as long
 * as the program runs, without keeping the program alive (a daemon).
 */
import { Worker, workerData } from 'node:worker_threads';

interface MonitorData {
  readonly role: 'monitor';
  readonly samples: Int32Array;
  readonly everyMs: number;
}

if (workerData?.role === 'monitor') {
  const { samples, everyMs } = workerData as MonitorData;
  setInterval(() => Atomics.add(samples, 0, 1), everyMs);
}

export function startMonitor(samples: Int32Array, everyMs: number): Worker {
  const data: MonitorData = { role: 'monitor', samples, everyMs };
  const worker = new Worker(new URL(import.meta.url), { workerData: data });
  worker.unref(); // daemon: once nothing else keeps the program alive, it ends and this worker with it
  return worker;
}
