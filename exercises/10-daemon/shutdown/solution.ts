/**
 * Graceful shutdown with a deadline: ask every worker to stop, wait for their exits until
 * one shared deadline, terminate() the ones still running, and report who ended cleanly.
 */
import type { Worker } from 'node:worker_threads';
import type { Event } from 'threadlings/runtime';

export interface ShutdownReport {
  readonly clean: number[];
  readonly terminated: number[];
}

/** Resolves when the worker has exited (at once if it already had: its threadId is then -1). */
function exitOf(worker: Worker): Promise<void> {
  if (worker.threadId === -1) return Promise.resolve();
  return new Promise((resolve) => worker.once('exit', () => resolve()));
}

export async function shutdown(workers: readonly Worker[], stop: Event, deadlineMs: number): Promise<ShutdownReport> {
  const ended = new Set<number>();
  const exits = workers.map((worker, index) => exitOf(worker).then(() => void ended.add(index)));
  stop.set();

  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, deadlineMs)));
  await Promise.race([Promise.all(exits), deadline]);
  clearTimeout(timer);

  // Decide now: the exits of terminated workers will land in `ended` too.
  const indices = workers.map((_, index) => index);
  const clean = indices.filter((index) => ended.has(index));
  const terminated = indices.filter((index) => !ended.has(index));
  await Promise.all(terminated.map((index) => workers[index]?.terminate()));
  return { clean, terminated };
}
