// Alternative correct answer: setInterval in the worker, a 'stop' message, and the exit awaited.
import { once } from 'node:events';
import { Worker, parentPort, workerData } from 'node:worker_threads';

if (workerData?.role === 'heartbeat') {
  const { ticks, intervalMs } = workerData as { ticks: Int32Array; intervalMs: number };
  Atomics.add(ticks, 0, 1);
  const timer = setInterval(() => Atomics.add(ticks, 0, 1), intervalMs);
  parentPort?.once('message', () => {
    clearInterval(timer);
    parentPort?.close(); // nothing left: the worker's event loop ends and it exits with code 0
  });
}

export function startHeartbeat(ticks: Int32Array, intervalMs: number): { worker: Worker; stop(): Promise<void> } {
  const worker = new Worker(new URL(import.meta.url), { workerData: { role: 'heartbeat', ticks, intervalMs } });
  worker.unref();
  const exited = once(worker, 'exit');
  return {
    worker,
    async stop() {
      worker.postMessage('stop');
      await exited;
    },
  };
}
