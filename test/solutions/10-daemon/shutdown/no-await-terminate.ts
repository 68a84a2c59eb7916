// Wrong: races the exits against the deadline, but does not wait for terminate() to finish.
import type { Worker } from 'node:worker_threads';
import type { Event } from 'threadlings/runtime';

export async function shutdown(workers: readonly Worker[], stop: Event, deadlineMs: number): Promise<{ clean: number[]; terminated: number[] }> {
  const ended = new Set<number>();
  const exits = workers.map((worker, index) => new Promise<void>((resolve) => worker.once('exit', () => resolve(void ended.add(index)))));
  stop.set();
  await Promise.race([Promise.all(exits), new Promise((resolve) => setTimeout(resolve, deadlineMs))]);
  const indices = workers.map((_, index) => index);
  const terminated = indices.filter((index) => !ended.has(index));
  for (const index of terminated) void workers[index]?.terminate();
  return { clean: indices.filter((index) => ended.has(index)), terminated };
}
