import { threadId, type Worker } from 'node:worker_threads';
import { defineCheck, describeValue } from 'threadlings/check';
import type * as Exercise from './solution.ts';

/**
 * How a call settled. The check watches the workers the call starts (process emits
 * 'worker' for each new Worker of this thread): once every one of them has emitted
 * 'exit', its last event, your listeners have run, so a promise that is still pending
 * GRACE_MS later was never told (its error was swallowed). No guessing at how long a
 * worker takes to start; CAP_MS only ends a call whose worker never exits.
 */
const GRACE_MS = 200;
const CAP_MS = 8000;

type Outcome = { state: 'resolved'; value: unknown } | { state: 'rejected'; reason: unknown } | { state: 'pending' };

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Calls `start` and reports how its promise settled; a synchronous throw counts as a rejection. */
async function outcomeOf(start: () => Promise<unknown>): Promise<Outcome> {
  const exits: Promise<void>[] = [];
  const onWorker = (worker: Worker): void => {
    exits.push(new Promise((resolve) => worker.once('exit', () => resolve())));
  };
  process.on('worker', onWorker);
  let cap: ReturnType<typeof setTimeout> | undefined;
  try {
    const settled = Promise.resolve()
      .then(start)
      .then(
        (value): Outcome => ({ state: 'resolved', value }),
        (reason: unknown): Outcome => ({ state: 'rejected', reason }),
      );
    const allExited = (async (): Promise<Outcome> => {
      await new Promise((resolve) => setImmediate(resolve)); // 'worker' is emitted on a later tick
      for (let seen = 0; seen < exits.length; ) {
        const batch = exits.slice(seen);
        seen = exits.length;
        await Promise.all(batch);
      }
      await sleep(GRACE_MS);
      return { state: 'pending' };
    })();
    const capped = new Promise<Outcome>((resolve) => {
      cap = setTimeout(() => resolve({ state: 'pending' }), CAP_MS);
    });
    return await Promise.race([settled, allExited, capped]);
  } finally {
    clearTimeout(cap);
    process.off('worker', onWorker);
  }
}

const PENDING = 'was still pending after every worker it started had exited';

const messageOf = (reason: unknown): string => (reason instanceof Error ? reason.message : describeValue(reason));

/** Set when `whereAmI` ran on the caller's own thread: then `quit` would end the checker's thread too. */
let ranInline = false;

export default defineCheck<typeof Exercise>({
  exports: ['runInWorker'],
  cases: [
    {
      name: "resolves with the task's return value (a number, and a Map argument)",
      async run(ex, t) {
        const square = await outcomeOf(() => ex.runInWorker('square', [7]));
        if (square.state !== 'resolved') {
          return t.fail(`runInWorker('square', [7]) ${square.state === 'pending' ? PENDING : `rejected with "${messageOf(square.reason)}"`}: resolve the promise with the message the worker posts.`);
        }
        t.equal(square.value, 49, "runInWorker('square', [7])");
        const prices = new Map([['tea', 3], ['cake', 4], ['jam', 35]]);
        t.equal(await ex.runInWorker('total', [prices]), 42, "runInWorker('total', [a Map of three prices])");
      },
    },
    {
      name: 'runs the task in a new worker thread',
      async run(ex, t) {
        const where = (await ex.runInWorker('whereAmI', [])) as { threadId?: unknown; isMainThread?: unknown } | undefined;
        if (where?.threadId === threadId) {
          ranInline = true;
          return t.fail(`the task ran on thread ${threadId}, the caller's own thread: runInWorker must start a new Worker and run the task there.`);
        }
        t.ok(typeof where?.threadId === 'number' && where.isMainThread === false, `runInWorker('whereAmI', []) gave ${describeValue(where)}: pass on what the task returns, unchanged.`);
      },
    },
    {
      name: 'an argument that cannot be cloned (a function) is refused with a DataCloneError',
      async run(ex, t) {
        const outcome = await outcomeOf(() => ex.runInWorker('square', [() => 7]));
        if (outcome.state === 'resolved') {
          const why = ranInline
            ? 'the task ran on the caller\'s thread (see above), so nothing was cloned; sent to a worker, a function is refused by new Worker() with a DataCloneError'
            : 'functions cannot be sent to a worker, and new Worker() refuses them with a DataCloneError; let that error reach the caller instead of converting the arguments';
          return t.fail(`runInWorker('square', [a function]) resolved with ${describeValue(outcome.value)}: ${why}.`);
        }
        if (outcome.state === 'pending') return t.fail(`runInWorker('square', [a function]) was still pending: the DataCloneError from new Worker() must reject the promise.`);
        const name = (outcome.reason as { name?: unknown } | undefined)?.name;
        t.ok(name === 'DataCloneError', `runInWorker('square', [a function]) rejected with "${messageOf(outcome.reason)}", expected the DataCloneError that new Worker() throws.`);
      },
    },
    {
      name: "a task that throws rejects the promise with the worker's own error",
      async run(ex, t) {
        const outcome = await outcomeOf(() => ex.runInWorker('fail', ['disk full']));
        if (outcome.state === 'pending') {
          return t.fail(`runInWorker('fail', ['disk full']) ${PENDING}: the task threw, but its error never reached the caller; reject the promise from the worker's 'error' event.`);
        }
        if (outcome.state === 'resolved') {
          return t.fail(`runInWorker('fail', ['disk full']) resolved with ${describeValue(outcome.value)} although the task threw: the error was swallowed; reject the promise with it.`);
        }
        t.ok(
          outcome.reason instanceof Error && outcome.reason.message.includes('disk full'),
          `runInWorker('fail', ['disk full']) rejected with "${messageOf(outcome.reason)}", which hides the task's own error (RangeError: disk full): reject with the error the 'error' event gives you.`,
        );
      },
    },
    {
      name: 'a worker that exits without sending a result rejects the promise',
      async run(ex, t) {
        if (ranInline) return t.fail('not run: runInWorker runs tasks on the caller\'s thread (see above), where this task would end the checker itself.');
        const outcome = await outcomeOf(() => ex.runInWorker('quit', [3]));
        if (outcome.state === 'pending') {
          return t.fail(`runInWorker('quit', [3]) ${PENDING}: the worker exited with code 3 and posted nothing, so no 'message' or 'error' ever comes; reject from the 'exit' event when no result arrived.`);
        }
        if (outcome.state === 'resolved') {
          return t.fail(`runInWorker('quit', [3]) resolved with ${describeValue(outcome.value)}, but the worker exited with code 3 without a result: reject instead of resolving on 'exit'.`);
        }
      },
    },
  ],
});
