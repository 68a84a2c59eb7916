// Wrong answer: one shared deadline, but the workers that overran are only reported, never stopped.
import type { Worker } from 'node:worker_threads';

export interface Outcome {
  readonly finished: number[];
  readonly stopped: number[];
}

function exitWithin(worker: Worker, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    worker.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

export async function runWithDeadline(tasks: (() => Worker)[], deadlineMs: number): Promise<Outcome> {
  const workers = tasks.map((start) => start());
  const exited = await Promise.all(workers.map((worker) => exitWithin(worker, deadlineMs)));
  const indexes = exited.map((_, index) => index);
  return { finished: indexes.filter((i) => exited[i]), stopped: indexes.filter((i) => !exited[i]) };
}
