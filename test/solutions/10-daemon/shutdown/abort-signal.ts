// Alternative correct answer: one AbortSignal.timeout() as the shared deadline for every join.
import { once } from 'node:events';
import type { Worker } from 'node:worker_threads';
import type { Event } from 'threadlings/runtime';

export async function shutdown(workers: readonly Worker[], stop: Event, deadlineMs: number): Promise<{ clean: number[]; terminated: number[] }> {
  const signal = AbortSignal.timeout(deadlineMs);
  const joins = workers.map((worker) => once(worker, 'exit', { signal }).then(() => true, () => false));
  stop.set();
  const ended = await Promise.all(joins); // each join ends at the exit or at the deadline, whichever is first
  const clean: number[] = [];
  const terminated: number[] = [];
  ended.forEach((ok, index) => (ok ? clean : terminated).push(index));
  await Promise.all(terminated.map((index) => workers[index]?.terminate()));
  return { clean, terminated };
}
