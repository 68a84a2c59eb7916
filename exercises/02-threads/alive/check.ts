import { Worker } from 'node:worker_threads';
import { defineCheck, type Assertions } from 'threadlings/check';
import type * as Exercise from './solution.ts';

/** A worker that ends as soon as it has started. */
const QUICK = '';
/** A worker that never ends by itself, and answers every message it gets (so we can tell it still runs). */
const ECHO_FOREVER = "const { parentPort } = require('node:worker_threads'); parentPort.on('message', (m) => parentPort.postMessage(m));";

/** Starts a worker and keeps our own record of its exit (registered after the learner's, so it is up to date when theirs resolves). */
function start(code: string): { worker: Worker; exited: () => boolean; exit: Promise<void> } {
  const worker = new Worker(code, { eval: true });
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  return { worker, exited: () => exited, exit };
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

/** True if the worker answers a message (it still runs), false if it exits instead. */
function answers(worker: Worker, exit: Promise<void>): Promise<boolean> {
  return new Promise((resolve) => {
    worker.once('message', () => resolve(true));
    void exit.then(() => resolve(false));
    worker.postMessage('ping');
  });
}

export default defineCheck<typeof Exercise>({
  exports: ['track'],
  cases: [
    {
      name: 'isAlive() is true while the worker runs, false once it has exited',
      async run(ex, t) {
        const { worker, exit } = start(QUICK);
        const tracked = ex.track(worker);
        t.ok(tracked.isAlive() === true, 'isAlive() returned false right after new Worker, while the worker was starting.');
        await within(exit, 10_000, t, 'the test worker never exited (this should not happen).');
        t.ok(tracked.isAlive() === false, "isAlive() still returned true after the worker had exited: remember its 'exit' event in track() and answer from that.");
      },
    },
    {
      name: 'join(timeout) gives up on a worker that never ends, and leaves it running',
      async run(ex, t) {
        const { worker, exit, exited } = start(ECHO_FOREVER);
        try {
          const tracked = ex.track(worker);
          const joined = await within(
            tracked.join(150),
            1500,
            t,
            'join(150) on a worker that never ends had not resolved 1.5 s later: the timeout is ignored. Resolve false once timeoutMs has passed.',
          );
          t.equal(joined, false, 'join(150) on a worker that never ends');
          const stillRuns = !exited() && (await within(answers(worker, exit), 5000, t, 'the test worker stopped answering (this should not happen).'));
          t.ok(stillRuns, 'join(150) stopped the worker: a join with a timeout only stops waiting, the thread keeps running (Python cannot kill a thread either). Do not terminate it.');
          t.ok(tracked.isAlive() === true, 'isAlive() returned false for a worker that is still running, after join(150) gave up on it.');
        } finally {
          await worker.terminate();
        }
      },
    },
    {
      name: 'join() without a timeout waits for the exit',
      async run(ex, t) {
        const { worker, exited } = start(QUICK);
        const tracked = ex.track(worker);
        const joined = await within(tracked.join(), 10_000, t, 'join() never resolved, although the worker exited.');
        t.ok(exited(), "join() resolved while the worker was still running: resolve only once its 'exit' event has fired.");
        t.equal(joined, true, 'join() on a worker that exits');
      },
    },
    {
      name: 'join(timeout) returns as soon as the worker exits',
      async run(ex, t) {
        const { worker, exited } = start(QUICK);
        const tracked = ex.track(worker);
        const joined = await within(
          tracked.join(8000),
          4000,
          t,
          'join(8000) was still waiting 4 s later, although the worker had exited long before: resolve as soon as the worker exits, not when the timeout runs out.',
        );
        t.ok(exited(), "join(8000) resolved while the worker was still running: resolve only once its 'exit' event has fired.");
        t.equal(joined, true, 'join(8000) on a worker that exits at once');
      },
    },
    {
      name: 'join() after the worker has exited answers at once',
      async run(ex, t) {
        const { worker, exit } = start(QUICK);
        const tracked = ex.track(worker);
        await within(exit, 10_000, t, 'the test worker never exited (this should not happen).');
        const lateJoin = "'exit' is emitted only once, so a listener added after it never runs. Remember the exit in track() and answer at once.";
        const joined = await within(tracked.join(300), 1500, t, `join(300) on a worker that had already exited never resolved: ${lateJoin}`);
        t.ok(joined === true, `join(300) on a worker that had already exited resolved ${String(joined)}: ${lateJoin}`);
        t.equal(await within(tracked.join(), 1500, t, `join() on a worker that had already exited never resolved: ${lateJoin}`), true, 'join() on a worker that had already exited');
      },
    },
  ],
});
