import type { Worker } from 'node:worker_threads';
import { defineCheck, learnerListeners, type Assertions } from 'threadlings/check';
import type * as Exercise from './solution.ts';

interface Watched {
  readonly id: number;
  exited: boolean;
  /** Code other than this check listened for the worker's 'exit' (on, once, events.once...). */
  exitHeard: boolean;
}

/**
 * Records every worker this thread starts (the documented `process` 'worker' event) and
 * when each one exits, plus the most that were alive at once. Exits are events, so they
 * can only be seen when this thread's event loop runs: a function that resolves before
 * its workers' 'exit' events were delivered did not wait for them. On a busy machine a
 * worker may stop before this thread reads its last message, and then Node delivers that
 * message and the 'exit' together: so whether anyone listened for 'exit' is recorded too.
 */
function watchWorkers() {
  const workers: Watched[] = [];
  let alive = 0;
  let maxAlive = 0;
  const onWorker = (worker: Worker): void => {
    // The learner's code may have listened already: 'worker' comes a tick after new Worker.
    const watched: Watched = { id: worker.threadId, exited: false, exitHeard: learnerListeners(worker, 'exit') > 0 };
    workers.push(watched);
    maxAlive = Math.max(maxAlive, ++alive);
    worker.once('exit', () => {
      watched.exited = true;
      alive--;
    });
    // Added after this check's own 'exit' listener, so only the learner's listeners count.
    worker.on('newListener', (event: string | symbol) => {
      if (event === 'exit') watched.exitHeard = true;
    });
  };
  process.on('worker', onWorker);
  return {
    workers,
    maxAlive: () => maxAlive,
    running: () => workers.filter((w) => !w.exited).length,
    unheard: () => workers.filter((w) => !w.exitHeard).length,
    stop: () => process.off('worker', onWorker),
  };
}

/** 'worker' is emitted on the next tick after `new Worker`; let it arrive (no event can sneak in). */
const nextTick = (): Promise<void> => new Promise((resolve) => process.nextTick(resolve));

async function runAll(ex: typeof Exercise, t: Assertions, count: number, ms?: number) {
  const watch = watchWorkers();
  try {
    const call = ms === undefined ? `runAll(${count})` : `runAll(${count}, ${ms})`;
    const ids = await ex.runAll(count, ms);
    await nextTick();
    t.equal(watch.workers.length, count, `the number of workers ${call} started`);
    const running = watch.running();
    t.ok(
      running === 0,
      `${call} resolved while ${running} of ${count} workers were still running: the workers were not joined. Wait for every worker's 'exit' event (Node's join) before resolving.`,
    );
    const unheard = watch.unheard();
    t.ok(
      unheard === 0,
      `${call} never listened for the 'exit' event of ${unheard} of ${count} workers: they had stopped by chance, but a worker's last message is not its end. Wait for every worker's 'exit' event (Node's join) before resolving.`,
    );
    return { call, ids, watch };
  } finally {
    watch.stop();
  }
}

export default defineCheck<typeof Exercise>({
  exports: ['runAll'],
  cases: [
    {
      name: 'every worker has exited when runAll resolves',
      async run(ex, t) {
        await runAll(ex, t, 3);
      },
    },
    {
      name: 'returns the threadIds of its workers, in start order',
      async run(ex, t) {
        const { call, ids, watch } = await runAll(ex, t, 2);
        t.ok(
          !Array.isArray(ids) || !ids.includes(-1),
          `${call} returned [${String(ids)}]: a worker's threadId reads -1 once it has exited. Note each id right after new Worker, while the thread is alive.`,
        );
        t.equal(ids, watch.workers.map((w) => w.id), `${call} (the threadIds of the workers it started, in start order)`);
      },
    },
    {
      name: 'the workers run side by side',
      async run(ex, t) {
        const { call, watch } = await runAll(ex, t, 3, 100);
        t.ok(
          watch.maxAlive() >= 2,
          `${call} never had more than one worker running at a time: joining each worker before starting the next runs them one after another. Start them all first, then join them all.`,
        );
      },
    },
    {
      name: 'a single worker is joined too',
      async run(ex, t) {
        const { call, ids, watch } = await runAll(ex, t, 1);
        t.equal(ids, watch.workers.map((w) => w.id), call);
      },
    },
  ],
});
