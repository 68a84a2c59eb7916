// Wrong: stops the heartbeat by killing it; prompt and awaited, but the worker never ends by itself.
import { Worker, workerData } from 'node:worker_threads';

if (workerData?.role === 'heartbeat') {
  const { ticks, intervalMs } = workerData as { ticks: Int32Array; intervalMs: number };
  const nap = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    Atomics.add(ticks, 0, 1);
    Atomics.wait(nap, 0, 0, intervalMs);
  }
}

export function startHeartbeat(ticks: Int32Array, intervalMs: number): { worker: Worker; stop(): Promise<void> } {
  const worker = new Worker(new URL(import.meta.url), { workerData: { role: 'heartbeat', ticks, intervalMs } });
  worker.unref();
  return {
    worker,
    async stop() {
      await worker.terminate();
    },
  };
}
