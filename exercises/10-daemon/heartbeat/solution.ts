/**
 * A heartbeat: a background worker that adds 1 to `ticks[0]` right away and then once
 * every `intervalMs`, until stop() asks it to end; stop() resolves after the worker exited.
 */
import { Worker, workerData } from 'node:worker_threads';
import { Event, type EventHandle } from 'threadlings/runtime';

interface BeatData {
  readonly role: 'heartbeat';
  readonly ticks: Int32Array;
  readonly intervalMs: number;
  readonly stop: EventHandle;
}

if (workerData?.role === 'heartbeat') {
  const { ticks, intervalMs, stop } = workerData as BeatData;
  const stopping = Event.from(stop);
  do {
    Atomics.add(ticks, 0, 1);
  } while (!stopping.wait(intervalMs)); // sleeps on the stop signal: set() wakes it at once
}

export interface Heartbeat {
  readonly worker: Worker;
  stop(): Promise<void>;
}

export function startHeartbeat(ticks: Int32Array, intervalMs: number): Heartbeat {
  const stopping = new Event('heartbeat-stop');
  const data: BeatData = { role: 'heartbeat', ticks, intervalMs, stop: stopping.handle };
  const worker = new Worker(new URL(import.meta.url), { workerData: data });
  worker.unref();
  // Listen from the start, so an exit is never missed.
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    worker,
    async stop() {
      stopping.set();
      worker.ref(); // while we wait for it, the worker keeps the process alive again
      await exited;
    },
  };
}
