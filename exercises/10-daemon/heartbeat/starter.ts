/**
 * A heartbeat: a background worker that adds 1 to `ticks[0]` right away and then once
 * every `intervalMs`, until it is asked to stop.
 *
 * Make `stop()` work: ask the worker to stop, wake it if it is asleep, and resolve only
 * once the worker has exited by itself (exit code 0, not terminate()d).
 * `Event` from 'threadlings/runtime' (set(), wait(ms)) or a shared cell with
 * Atomics.wait / Atomics.notify both do the job.
 */
import { Worker, workerData } from 'node:worker_threads';

interface BeatData {
  readonly role: 'heartbeat';
  readonly ticks: Int32Array;
  readonly intervalMs: number;
}

// The worker side: this same file, started with role 'heartbeat'.
if (workerData?.role === 'heartbeat') {
  const { ticks, intervalMs } = workerData as BeatData;
  const nap = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    Atomics.add(ticks, 0, 1); // one beat
    Atomics.wait(nap, 0, 0, intervalMs); // sleep until the next one (nothing ever wakes this nap early)
  }
}

export interface Heartbeat {
  /** The worker that beats. */
  readonly worker: Worker;
  /** Stops the heartbeat; resolves once its worker has exited. */
  stop(): Promise<void>;
}

export function startHeartbeat(ticks: Int32Array, intervalMs: number): Heartbeat {
  const data: BeatData = { role: 'heartbeat', ticks, intervalMs };
  const worker = new Worker(new URL(import.meta.url), { workerData: data });
  worker.unref(); // a daemon: it must not keep the program alive by itself
  return {
    worker,
    async stop() {
      // TODO: ask the worker to stop (waking it from its nap), then resolve once it has exited.
    },
  };
}
