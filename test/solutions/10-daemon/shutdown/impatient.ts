// Wrong: sets the Event, then terminates everyone at once instead of waiting until the deadline.
import type { Worker } from 'node:worker_threads';
import type { Event } from 'threadlings/runtime';

export async function shutdown(workers: readonly Worker[], stop: Event, _deadlineMs: number): Promise<{ clean: number[]; terminated: number[] }> {
  stop.set();
  await Promise.all(workers.map((worker) => worker.terminate()));
  return { clean: [], terminated: workers.map((_, index) => index) };
}
