import { isMainThread, parentPort, threadId, workerData } from 'node:worker_threads';
import { defineCheck, describeValue, type Assertions } from 'threadlings/check';
import type * as Exercise from './solution.ts';

/*
 * The check hands `mapInWorkers` its own file as the worker script: each worker runs
 * `runJob` (at the end of this file) on its input. A job squares its value, but only
 * when its turn comes, so the workers answer in an order the check chooses (never the
 * input order). Turns are passed on through a SharedArrayBuffer, and a job hands the
 * turn on only after the checker's own event loop has ticked twice since it posted:
 * by then the answer has been delivered to your code, so the order in which your code
 * receives the answers is exactly the order of the turns, on any machine and any load.
 */

const JOB = 'threadlings:fan-out-job';
/** Cells of the shared Int32Array. */
const TURN = 0; // the rank whose turn it is to answer
const TICK = 1; // ticks of the checker's event loop
const STARTED = 2; // jobs that started
const GAVE_UP = 3; // 1 + the input index of a job that waited too long for its turn
const CLOSED = 4; // set when the case is over: jobs still waiting stop waiting
const THREADS = 5; // from here: the threadId of each input's job
/**
 * A wait gives up only after this long with no progress at all (no job started, no turn
 * passed): that happens when the jobs it waits for were never started.
 */
const WAIT_MS = 4000;

interface Job {
  readonly kind: typeof JOB;
  readonly index: number;
  readonly value: number;
  /** Answer order: 0 answers first; -1 answers at once. */
  readonly rank: number;
  readonly cells: SharedArrayBuffer;
  readonly fail?: boolean;
}

/**
 * Waits until `ready(cells[index])`, another job gave up, or the case is over; false when
 * WAIT_MS passed without any progress (no job started, no turn passed), true otherwise.
 */
function waitUntil(cells: Int32Array, index: number, ready: (value: number) => boolean): boolean {
  const progress = (): string => `${Atomics.load(cells, STARTED)}/${Atomics.load(cells, TURN)}`;
  let seen = progress();
  let deadline = Date.now() + WAIT_MS;
  for (;;) {
    const value = Atomics.load(cells, index);
    if (ready(value) || Atomics.load(cells, GAVE_UP) !== 0 || Atomics.load(cells, CLOSED) !== 0) return true;
    const now = progress();
    if (now !== seen) {
      seen = now;
      deadline = Date.now() + WAIT_MS;
    }
    const left = deadline - Date.now();
    if (left <= 0) return false;
    Atomics.wait(cells, index, value, Math.min(left, 50));
  }
}

function runJob(job: Job): void {
  const cells = new Int32Array(job.cells);
  Atomics.add(cells, STARTED, 1);
  Atomics.store(cells, THREADS + job.index, threadId);
  if (job.fail) throw new Error(`job ${job.index} failed on purpose`);
  if (job.rank >= 0 && !waitUntil(cells, TURN, (turn) => turn === job.rank)) {
    Atomics.compareExchange(cells, GAVE_UP, 0, job.index + 1);
    Atomics.notify(cells, TURN);
  }
  parentPort?.postMessage(job.value * job.value);
  if (job.rank < 0) return;
  const posted = Atomics.load(cells, TICK);
  waitUntil(cells, TICK, (tick) => tick >= posted + 2);
  Atomics.store(cells, TURN, job.rank + 1);
  Atomics.notify(cells, TURN);
}

const workerFile = new URL(import.meta.url);

function jobsOf(values: readonly number[], ranks: readonly number[], cells: SharedArrayBuffer): Job[] {
  return values.map((value, index) => ({ kind: JOB, index, value, rank: ranks[index] ?? -1, cells }));
}

/** Runs the learner's mapInWorkers on jobs that answer in the order `ranks` gives, and judges the result. */
async function fanOut(ex: typeof Exercise, t: Assertions, values: number[], ranks: number[]): Promise<void> {
  const cells = new Int32Array(new SharedArrayBuffer(4 * (THREADS + values.length)));
  const ticker = setInterval(() => {
    Atomics.add(cells, TICK, 1);
    Atomics.notify(cells, TICK);
  }, 1);
  let results: unknown;
  try {
    results = await ex.mapInWorkers<number>(jobsOf(values, ranks, cells.buffer as SharedArrayBuffer), workerFile);
  } finally {
    clearInterval(ticker);
    Atomics.store(cells, CLOSED, 1);
    Atomics.notify(cells, TURN);
    Atomics.notify(cells, TICK);
  }
  const call = `mapInWorkers(jobs squaring ${values.join(', ')})`;
  const gaveUp = Atomics.load(cells, GAVE_UP);
  if (gaveUp !== 0) {
    return t.fail(`the job for input ${gaveUp - 1} waited ${WAIT_MS / 1000} s for jobs that should answer before it, and none of them started: start every worker first, then wait for all of them (not one worker at a time).`);
  }
  const expected = values.map((value) => value * value);
  const arrival = [...ranks.keys()].sort((a, b) => (ranks[a] ?? 0) - (ranks[b] ?? 0)).map((index) => expected[index]);
  if (Array.isArray(results)) {
    const filled = results.filter((_, index) => index in results).length;
    if (results.length !== values.length || filled !== results.length) {
      return t.fail(`${call} resolved with ${describeValue(results)}: ${filled} of ${values.length} results were in, so it resolved before every worker answered (with holes, results.length counts up to the highest index filled, not the answers received).`);
    }
    if (values.length > 1 && results.every((result, index) => result === arrival[index])) {
      return t.fail(`${call} gave ${describeValue(results)}: the results are in the order the workers finished, not the order of the inputs; store each result at its input's index.`);
    }
  }
  t.equal(results, expected, call);
  const threads = new Set(Array.from({ length: values.length }, (_, index) => Atomics.load(cells, THREADS + index)));
  t.ok(threads.size === values.length && !threads.has(threadId), `the ${values.length} inputs ran on ${threads.size} distinct thread(s): start one worker per input.`);
}

export default defineCheck<typeof Exercise>({
  exports: ['mapInWorkers'],
  cases: [
    {
      name: 'results come back in input order, though the workers finish in another order',
      run: (ex, t) => fanOut(ex, t, [5, 2, 11, 3, 7], [4, 2, 0, 3, 1]),
    },
    {
      name: 'the same, with six inputs finishing pairwise swapped',
      run: (ex, t) => fanOut(ex, t, [4, 9, 1, 6, 10, 8], [1, 0, 3, 2, 5, 4]),
    },
    {
      name: 'a worker that throws rejects the whole call with its error',
      async run(ex, t) {
        const cells = new SharedArrayBuffer(4 * (THREADS + 3));
        // The last input fails, so an answer count inflated by holes cannot resolve early here.
        const jobs = jobsOf([1, 2, 3], [-1, -1, -1], cells).map((job, index) => (index === 2 ? { ...job, fail: true } : job));
        const error = await t.rejects(ex.mapInWorkers(jobs, workerFile), 'mapInWorkers resolved although the worker for input 2 threw: reject the promise from the worker\'s \'error\' event.');
        t.ok(error instanceof Error && error.message.includes('job 2 failed'), `mapInWorkers rejected with ${error instanceof Error ? `${error.name}: ${error.message}` : describeValue(error)}, not the failing worker's own error ("job 2 failed on purpose").`);
      },
    },
    {
      name: 'no inputs: resolves with an empty list',
      async run(ex, t) {
        t.equal(await ex.mapInWorkers([], workerFile), [], 'mapInWorkers([])');
      },
    },
  ],
});

if (!isMainThread && (workerData as Partial<Job> | null | undefined)?.kind === JOB) runJob(workerData as Job);
