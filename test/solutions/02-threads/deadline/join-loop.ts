// Wrong answer: terminates the overrunning workers, but joins them one after another with
// the full timeout each (Python's `for t in threads: t.join(timeout)`), so n stuck workers take n deadlines.
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
  const exits = workers.map(exitOf);
  const outcome: Outcome = { finished: [], stopped: [] };
  for (const [index, exited] of exits.entries()) {
    if (await joinWithin(exited, deadlineMs)) outcome.finished.push(index);
    else {
      outcome.stopped.push(index);
      await workers[index]?.terminate();
    }
  }
  return outcome;
}
