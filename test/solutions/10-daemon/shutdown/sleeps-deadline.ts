// Wrong: always sleeps the whole deadline before looking, even when everyone stopped at once.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Worker } from 'node:worker_threads';
import type { Event } from 'threadlings/runtime';

export async function shutdown(workers: readonly Worker[], stop: Event, deadlineMs: number): Promise<{ clean: number[]; terminated: number[] }> {
  const ended = new Set<number>();
  workers.forEach((worker, index) => worker.once('exit', () => ended.add(index)));
  stop.set();
  await sleep(deadlineMs);
  const indices = workers.map((_, index) => index);
  const clean = indices.filter((index) => ended.has(index));
  const terminated = indices.filter((index) => !ended.has(index));
  await Promise.all(terminated.map((index) => workers[index]?.terminate()));
  return { clean, terminated };
}
