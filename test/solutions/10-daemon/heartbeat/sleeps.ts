// Wrong: checks a stop flag only between naps that nothing wakes, so stop() waits out the interval.
import { once } from 'node:events';
import { Worker, workerData } from 'node:worker_threads';

if (workerData?.role === 'heartbeat') {
  const { ticks, intervalMs, flag } = workerData as { ticks: Int32Array; intervalMs: number; flag: Int32Array };
  const nap = new Int32Array(new SharedArrayBuffer(4));
  while (Atomics.load(flag, 0) === 0) {
    Atomics.add(ticks, 0, 1);
    Atomics.wait(nap, 0, 0, intervalMs);
  }
}

export function startHeartbeat(ticks: Int32Array, intervalMs: number): { worker: Worker; stop(): Promise<void> } {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(new URL(import.meta.url), { workerData: { role: 'heartbeat', ticks, intervalMs, flag } });
  worker.unref();
  const exited = once(worker, 'exit');
  return {
    worker,
    async stop() {
      Atomics.store(flag, 0, 1);
      await exited;
    },
  };
}
