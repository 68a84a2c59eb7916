// Wrong: sets the stop Event but resolves at once, without waiting for the worker to exit.
import { Worker, workerData } from 'node:worker_threads';
import { Event, type EventHandle } from 'threadlings/runtime';

if (workerData?.role === 'heartbeat') {
  const { ticks, intervalMs, stop } = workerData as { ticks: Int32Array; intervalMs: number; stop: EventHandle };
  const stopping = Event.from(stop);
  do Atomics.add(ticks, 0, 1);
  while (!stopping.wait(intervalMs));
}

export function startHeartbeat(ticks: Int32Array, intervalMs: number): { worker: Worker; stop(): Promise<void> } {
  const stopping = new Event();
  const worker = new Worker(new URL(import.meta.url), { workerData: { role: 'heartbeat', ticks, intervalMs, stop: stopping.handle } });
  worker.unref();
  return {
    worker,
    async stop() {
      stopping.set();
    },
  };
}
