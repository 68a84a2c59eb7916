/**
 * A background monitor: a worker that adds 1 to `samples[0]` every `everyMs`, for as long
 * as the program runs. Nobody ever stops it; it is a daemon, so it must not keep the
 * program alive once the main work is done (in Python: `Thread(..., daemon=True)`).
 */
import { Worker, workerData } from 'node:worker_threads';

interface MonitorData {
  readonly role: 'monitor';
  readonly samples: Int32Array;
  readonly everyMs: number;
}

// The worker side: this same file, started with role 'monitor'.
if (workerData?.role === 'monitor') {
  const { samples, everyMs } = workerData as MonitorData;
  setInterval(() => Atomics.add(samples, 0, 1), everyMs);
}

export function startMonitor(samples: Int32Array, everyMs: number): Worker {
  const data: MonitorData = { role: 'monitor', samples, everyMs };
  const worker = new Worker(new URL(import.meta.url), { workerData: data });
  // TODO: a running worker keeps the whole program alive, so as it is, the program can never
  // end. Make this worker a daemon, without stopping it.
  return worker;
}
