// Alternative correct answer: Python's fix for the join loop. Join one worker after
// another, but give each only the time left until the shared deadline; then terminate
// the ones still running.
import { performance } from 'node:perf_hooks';
import type { Worker } from 'node:worker_threads';

export interface Outcome {
  readonly finished: number[];
  readonly stopped: number[];
}

export async function runWithDeadline(tasks: (() => Worker)[], deadlineMs: number): Promise<Outcome> {
  const started = performance.now();
  const workers = tasks.map((start) => {
    const worker = start();
    const state = { worker, exited: false };
    worker.once('exit', () => (state.exited = true));
    return state;
  });
  for (const state of workers) {
    const left = deadlineMs - (performance.now() - started);
    if (state.exited || left <= 0) continue;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, left);
      state.worker.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
  const outcome: Outcome = { finished: [], stopped: [] };
  for (const [index, state] of workers.entries()) {
    if (state.exited) {
      outcome.finished.push(index);
    } else {
      outcome.stopped.push(index);
      await state.worker.terminate();
    }
  }
  return outcome;
}
