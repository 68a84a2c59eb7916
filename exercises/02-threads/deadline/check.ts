import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { defineCheck, type Assertions } from 'threadlings/check';
import type * as Exercise from './solution.ts';

/** A task that ends as soon as its worker has started. */
const QUICK = '';
/** A task that never ends by itself (think of a request that never gets an answer). */
const STUCK = 'setInterval(() => {}, 1 << 30);';

interface Started {
  readonly worker: Worker;
  /** performance.now() when the worker's 'exit' was seen, once it was. */
  exitedAt?: number;
  /** Its exit code: 0 when it ended by itself, 1 when it was terminated. */
  code?: number;
}

/**
 * Task starters for the learner to call. Each records its worker and when it exits; the
 * record is made by a listener added before the learner's own, so it is current whenever
 * the learner's code resumes after an exit.
 */
function tasks(kinds: readonly string[]) {
  const started: Started[] = [];
  const starters = kinds.map((code) => () => {
    const record: Started = { worker: new Worker(code, { eval: true }) };
    record.worker.once('exit', (exitCode) => {
      record.exitedAt = performance.now();
      record.code = exitCode;
    });
    started.push(record);
    return record.worker;
  });
  return {
    starters,
    started,
    running: () => started.filter((s) => s.exitedAt === undefined).length,
    cleanUp: () => Promise.all(started.map((s) => s.worker.terminate())),
  };
}

/** Resolves with the promise's value, or fails with `message` if it takes longer than `ms`. */
async function within<T>(promise: Promise<T>, ms: number, t: Assertions, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      try {
        t.fail(message);
      } catch (failure) {
        reject(failure);
      }
    }, ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

async function run(ex: typeof Exercise, t: Assertions, kinds: readonly string[], deadlineMs: number) {
  const batch = tasks(kinds);
  const call = `runWithDeadline([${kinds.map((k) => (k === STUCK ? 'stuck' : 'quick')).join(', ')}], ${deadlineMs})`;
  try {
    const began = performance.now();
    const outcome = await within(ex.runWithDeadline(batch.starters, deadlineMs), 8000, t, `${call} had not resolved after 8 s.`);
    const resolvedAt = performance.now();
    t.equal(batch.started.length, kinds.length, `the number of tasks ${call} started`);
    const running = batch.running();
    t.ok(
      running === 0,
      `${call} resolved while ${running} of its workers were still running: timing out a join only stops the waiting. Stop the workers that overran with worker.terminate(), and wait for it.`,
    );
    return { call, outcome, began, resolvedAt, started: batch.started };
  } finally {
    await batch.cleanUp();
  }
}

export default defineCheck<typeof Exercise>({
  exports: ['runWithDeadline'],
  cases: [
    {
      name: 'stops the workers that overrun, and says which',
      async run(ex, t) {
        const { call, outcome, started } = await run(ex, t, [QUICK, STUCK, QUICK, STUCK], 1000);
        const wronglyStopped = (outcome.stopped ?? []).filter((index) => started[index]?.code === 0);
        t.ok(
          wronglyStopped.length === 0,
          `${call} reported task ${wronglyStopped.join(' and ')} as stopped, but it had exited by itself: an 'exit' listener added after the event never runs, so listen for every worker's exit from the moment it starts.`,
        );
        t.equal(outcome, { finished: [0, 2], stopped: [1, 3] }, call);
      },
    },
    {
      name: 'one deadline for the whole batch, not one per worker',
      async run(ex, t) {
        const deadline = 500;
        const { call, outcome, began, started } = await run(ex, t, [STUCK, STUCK, STUCK, STUCK], deadline);
        const stops = started.map((s) => (s.exitedAt ?? began) - began);
        const first = Math.min(...stops);
        const last = Math.max(...stops);
        t.ok(first >= deadline - 50, `${call} stopped a worker ${seconds(first)} after the start, before the ${seconds(deadline)} deadline.`);
        t.ok(
          last < 2 * deadline,
          `${call} stopped the last worker ${seconds(last)} after the start: each join waited a full deadline in turn. Give the whole batch one deadline, counted from the start (join them side by side, or shrink each timeout by the time already spent).`,
        );
        t.equal(outcome, { finished: [], stopped: [0, 1, 2, 3] }, call);
      },
    },
    {
      name: 'returns as soon as every worker has finished',
      async run(ex, t) {
        const deadline = 6000;
        const { call, outcome, began, resolvedAt, started } = await run(ex, t, [QUICK, QUICK, QUICK], deadline);
        const lastExit = Math.max(...started.map((s) => s.exitedAt ?? resolvedAt)) - began;
        t.ok(
          resolvedAt - began < deadline / 2,
          `${call} took ${seconds(resolvedAt - began)} although every worker had finished after ${seconds(lastExit)}: a join should resolve as soon as its worker exits, not when the deadline runs out.`,
        );
        t.equal(outcome, { finished: [0, 1, 2], stopped: [] }, call);
      },
    },
  ],
});
