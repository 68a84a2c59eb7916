/**
 * Run a batch of workers under one deadline, and stop the ones that overrun it.
 *
 * Python's `t.join(timeout)` only stops waiting: a thread that overran keeps running, and
 * Python has no way to kill it. Node can: `worker.terminate()` stops a worker's JavaScript
 * and resolves once the worker has exited.
 */
import type { Worker } from 'node:worker_threads';

export interface Outcome {
  /** Indexes of the tasks whose worker exited by itself before the deadline. */
  readonly finished: number[];
  /** Indexes of the tasks whose worker was still running at the deadline, and was stopped. */
  readonly stopped: number[];
}

/** Resolves true if `exited` settles within `ms`, false otherwise (the worker keeps running). */
function joinWithin(exited: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    void exited.then(() => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Listens for the worker's one 'exit' event from the start, so a late join still sees it. */
function exitOf(worker: Worker): Promise<number> {
  return new Promise((resolve) => worker.once('exit', resolve));
}

/**
 * Starts every task at once (each `start()` starts one worker), gives them all one shared
 * deadline of `deadlineMs` counted from the start, stops the workers still running then,
 * and resolves once every worker has exited.
 */
export async function runWithDeadline(tasks: (() => Worker)[], deadlineMs: number): Promise<Outcome> {
  const workers = tasks.map((start) => start());
  // All the joins wait side by side, so they share one deadline instead of queueing up.
  const joined = await Promise.all(workers.map((worker) => joinWithin(exitOf(worker), deadlineMs)));
  const outcome: Outcome = { finished: [], stopped: [] };
  const stopping: Promise<number>[] = [];
  workers.forEach((worker, index) => {
    if (joined[index]) {
      outcome.finished.push(index);
    } else {
      outcome.stopped.push(index);
      stopping.push(worker.terminate());
    }
  });
  await Promise.all(stopping);
  return outcome;
}
