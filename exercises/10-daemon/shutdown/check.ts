import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { defineCheck, type Assertions } from 'threadlings/check';
import { Event, type EventHandle } from 'threadlings/runtime';
import type * as Exercise from './solution.ts';

/** What one of the check's item workers gets. `itemMs` < 0 makes a stuck worker: its item never ends. */
interface ItemWorkerData {
  readonly state: Int32Array;
  readonly slot: number;
  readonly stop: EventHandle;
  readonly itemMs: number;
  readonly runtime: string;
}

// Cells per worker in `state`: items started, items finished.
const STARTED = 0;

/**
 * The check's item workers: plain JavaScript without the TypeScript loader (a worker that
 * loads it starts in ~30 ms instead of ~200 ms). Between items each one looks at the
 * shared stop Event; a stuck one waits inside its item for something that never comes.
 */
const ITEM_WORKER = `
const { workerData } = require('node:worker_threads');
import(workerData.runtime).then(({ Event }) => {
  const { state, slot, stop, itemMs } = workerData;
  const stopping = Event.from(stop);
  const nap = new Int32Array(new SharedArrayBuffer(4));
  while (!stopping.isSet()) {
    Atomics.add(state, slot * 2, 1);
    if (itemMs < 0) Atomics.wait(nap, 0, 0);
    else Atomics.wait(nap, 0, 0, itemMs);
    Atomics.add(state, slot * 2 + 1, 1);
  }
});
`;
const RUNTIME = import.meta.resolve('threadlings/runtime');

const now = performance.now.bind(performance);
const PATIENCE_MS = 3000;

async function until(condition: () => boolean, ms: number): Promise<boolean> {
  const end = now() + ms;
  while (!condition()) {
    if (now() > end) return false;
    await sleep(5);
  }
  return true;
}

interface Pool {
  readonly workers: Worker[];
  readonly stop: Event;
  readonly state: Int32Array;
  /** Exit code and time of each worker, recorded by the check's own listeners. */
  readonly exits: ({ code: number; at: number } | undefined)[];
}

/** Starts one worker per item duration and waits until each is inside its first item. */
async function startPool(itemMs: readonly number[], t: Assertions): Promise<Pool> {
  const stop = new Event('stop');
  const state = new Int32Array(new SharedArrayBuffer(itemMs.length * 2 * 4));
  const workers = itemMs.map((ms, slot) => {
    const data: ItemWorkerData = { state, slot, stop: stop.handle, itemMs: ms, runtime: RUNTIME };
    return new Worker(ITEM_WORKER, { eval: true, execArgv: [], workerData: data });
  });
  const pool: Pool = { workers, stop, state, exits: workers.map(() => undefined) };
  workers.forEach((worker, index) => worker.once('exit', (code: number) => (pool.exits[index] = { code, at: now() })));
  const busy = await until(() => itemMs.every((_, slot) => Atomics.load(state, slot * 2 + STARTED) >= 1), PATIENCE_MS);
  t.ok(busy, 'the check could not start its workers (this is not your code: try again)');
  return pool;
}

async function stopPool(pool: Pool): Promise<void> {
  await Promise.all(pool.workers.map((worker) => worker.terminate()));
}

interface Outcome {
  readonly report: unknown;
  readonly began: number;
  readonly took: number;
  /** Who had exited at the moment shutdown() resolved. */
  readonly exitsAtResolve: Pool['exits'];
}

/** Calls shutdown() and waits for it, up to `deadlineMs` + `graceMs`. */
async function runShutdown(ex: typeof Exercise, pool: Pool, deadlineMs: number, graceMs: number, t: Assertions, stuck: string): Promise<Outcome> {
  const began = now();
  const outcome = await Promise.race([
    Promise.resolve(ex.shutdown(pool.workers, pool.stop, deadlineMs)).then((report) => ({ report })),
    sleep(deadlineMs + graceMs).then(() => undefined),
  ]);
  const took = now() - began;
  const exitsAtResolve = [...pool.exits];
  if (!outcome) {
    t.fail(
      `shutdown() had not resolved ${((deadlineMs + graceMs) / 1000).toFixed(1)} s after it was called with a ${deadlineMs} ms ` +
        `deadline: ${stuck}`,
    );
  }
  const running = exitsAtResolve.findIndex((exit) => exit === undefined);
  t.ok(
    running === -1,
    `shutdown() resolved while worker ${running} was still running: wait for each worker to be gone (its 'exit' ` +
      'event, or the promise terminate() returns) before resolving',
  );
  return { report: outcome.report, began, took, exitsAtResolve };
}

function checkClean(outcome: Outcome, clean: readonly number[], t: Assertions): void {
  for (const index of clean) {
    const code = outcome.exitsAtResolve[index]?.code;
    t.ok(
      code === 0,
      `worker ${index} was terminate()d (exit code ${code}) in the middle of an item, although it would have finished ` +
        'it and stopped by itself well before the deadline: set the stop Event first, and terminate only the workers ' +
        'still running when the deadline has passed',
    );
  }
}

function checkReport(report: unknown, expected: { clean: number[]; terminated: number[] }, t: Assertions): void {
  const { clean, terminated } = (report ?? {}) as { clean?: unknown; terminated?: unknown };
  if (!Array.isArray(clean) || !Array.isArray(terminated)) {
    t.fail(`shutdown() should resolve with { clean: number[], terminated: number[] }, got ${JSON.stringify(report)}`);
  }
  const sorted = (list: unknown[]): unknown[] => [...list].sort((a, b) => Number(a) - Number(b));
  t.equal({ clean: sorted(clean), terminated: sorted(terminated) }, expected, 'the report (worker indices)');
}

export default defineCheck<typeof Exercise>({
  exports: ['shutdown'],
  cases: [
    {
      name: 'asks every worker to stop and resolves as soon as they have all finished',
      async run(ex, t) {
        const deadlineMs = 4000;
        const pool = await startPool([60, 200, 60], t);
        try {
          const outcome = await runShutdown(ex, pool, deadlineMs, 2000, t, 'every worker stops within 200 ms of the request; is the stop Event set?');
          checkClean(outcome, [0, 1, 2], t);
          const lastExit = Math.max(...outcome.exitsAtResolve.map((exit) => exit?.at ?? 0));
          const allDone = lastExit - outcome.began;
          // All exits come within ~200 ms; resolving near the 4000 ms deadline means the deadline was slept out.
          t.ok(
            outcome.took < deadlineMs / 4,
            `shutdown() took ${Math.round(outcome.took)} ms although every worker had exited ${Math.round(allDone)} ms in: ` +
              'do not sleep out the deadline; race the exits against it and go on as soon as they are all done',
          );
          checkReport(outcome.report, { clean: [0, 1, 2], terminated: [] }, t);
        } finally {
          await stopPool(pool);
        }
      },
    },
    {
      name: 'terminates a stuck worker once the deadline has passed, and only then',
      async run(ex, t) {
        const deadlineMs = 800;
        const pool = await startPool([60, -1, 200], t);
        try {
          const outcome = await runShutdown(
            ex,
            pool,
            deadlineMs,
            1200,
            t,
            'worker 1 is stuck in an item and never looks at the stop Event, so it never exits by itself; terminate() the ' +
              'workers still running when the deadline passes',
          );
          checkClean(outcome, [0, 2], t);
          const cutAt = (outcome.exitsAtResolve[1]?.at ?? now()) - outcome.began;
          // The timer the learner starts fires >= deadlineMs after shutdown() was called; 50 ms covers clock rounding.
          t.ok(
            cutAt >= deadlineMs - 50,
            `worker 1 was stopped ${Math.round(cutAt)} ms after shutdown() was called, before the ${deadlineMs} ms deadline: ` +
              'a worker that is only slow must get until the deadline to finish',
          );
          t.ok(
            outcome.took < deadlineMs + 1000,
            `shutdown() took ${Math.round(outcome.took)} ms with a ${deadlineMs} ms deadline: terminate() the late workers as ` +
              'soon as the deadline passes, all at once rather than one full timeout after another',
          );
          checkReport(outcome.report, { clean: [0, 2], terminated: [1] }, t);
        } finally {
          await stopPool(pool);
        }
      },
    },
  ],
});
