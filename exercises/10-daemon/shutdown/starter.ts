/**
 * Graceful shutdown with a deadline.
 *
 * `workers` are running; each one processes items in a loop and checks the shared `stop`
 * Event between items. `shutdown()` must:
 *   1. ask them all to stop (set the Event): each finishes its current item and exits;
 *   2. wait for their exits, but only until `deadlineMs` has passed (one deadline for all);
 *   3. terminate() the workers still running at the deadline, and wait until they are gone;
 *   4. resolve with the indices (into `workers`, in increasing order) of the workers that
 *      ended by themselves (`clean`) and of those it had to terminate (`terminated`).
 */
import { once } from 'node:events';
import type { Worker } from 'node:worker_threads';
import type { Event } from 'threadlings/runtime';

export interface ShutdownReport {
  readonly clean: number[];
  readonly terminated: number[];
}

export async function shutdown(workers: readonly Worker[], stop: Event, deadlineMs: number): Promise<ShutdownReport> {
  stop.set();
  // TODO: this waits for every worker however long it takes, so one stuck worker hangs the
  // whole shutdown. Give up at the deadline, terminate() the workers still running, and
  // report which ones ended by themselves.
  await Promise.all(workers.map((worker) => once(worker, 'exit')));
  return { clean: workers.map((_, index) => index), terminated: [] };
}
