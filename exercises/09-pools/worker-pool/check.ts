import { createRequire, syncBuiltinESMExports } from 'node:module';
import { availableParallelism } from 'node:os';
import { threadId, type Worker, type WorkerOptions } from 'node:worker_threads';
import { defineCheck, describeValue, type Assertions } from 'threadlings/check';
import type * as Exercise from './solution.ts';

// ---------------------------------------------------------------------------------------
// The task the pools run. This file is also the pool's task module: each pool worker
// imports it and calls `task`, which records what happened in a SharedArrayBuffer probe.

/** Probe cells: tasks running now, the most ever running at once, tasks started, the start gate, threads online. */
const RUNNING = 0;
const MOST = 1;
const STARTED = 2;
const GATE = 3;
const NAP = 4;
const ONLINE = 5;
/**
 * The first tasks wait for each other at the gate (see `task`) until this long after the
 * pool's threads are all online (a thread slow to start is not a pool that cannot run
 * tasks side by side), and never longer than CAP_MS in all.
 */
const GATE_MS = 5000;
const CAP_MS = 10_000;

export interface TaskInput {
  readonly id: number;
  /** How long the task takes. */
  readonly ms: number;
  /** The first `gate` tasks to start wait until `gate` tasks are running (see GATE_MS). */
  readonly gate: number;
  readonly fail?: boolean;
  readonly probe: SharedArrayBuffer;
}

/** A task of the timing table: CPU work only (it counts primes), no probe. */
export interface TimingTaskInput {
  readonly primesBelow: number;
}

function countPrimes(limit: number): number {
  let count = 0;
  for (let n = 2; n < limit; n++) {
    let prime = true;
    for (let d = 2; d * d <= n; d++) {
      if (n % d === 0) {
        prime = false;
        break;
      }
    }
    if (prime) count++;
  }
  return count;
}

export interface TaskResult {
  readonly id: number;
  readonly thread: number;
}

/**
 * Counts itself in and out of the probe. The first `gate` tasks meet at a start gate, so a
 * pool that can run `gate` tasks at once always reaches that number, however slowly its
 * threads start; with a pool that cannot, the first task gives up waiting, once.
 */
export function task(input: TaskInput | TimingTaskInput): TaskResult | number {
  if ('primesBelow' in input) return countPrimes(input.primesBelow);
  const cells = new Int32Array(input.probe);
  const running = Atomics.add(cells, RUNNING, 1) + 1;
  for (let most = Atomics.load(cells, MOST); running > most; most = Atomics.load(cells, MOST)) {
    if (Atomics.compareExchange(cells, MOST, most, running) === most) break;
  }
  try {
    const started = Atomics.add(cells, STARTED, 1) + 1;
    if (started === input.gate) openGate(cells, 1);
    else if (started < input.gate) waitAtGate(cells, input.gate);
    Atomics.wait(cells, NAP, 0, input.ms);
    if (input.fail) throw new Error(`task ${input.id} failed on purpose`);
    return { id: input.id, thread: threadId };
  } finally {
    Atomics.sub(cells, RUNNING, 1);
  }
}

function openGate(cells: Int32Array, how: 1 | 2): void {
  Atomics.store(cells, GATE, how);
  Atomics.notify(cells, GATE);
}

function waitAtGate(cells: Int32Array, gate: number): void {
  const began = Date.now();
  let allOnline: number | undefined;
  while (Atomics.load(cells, GATE) === 0) {
    const now = Date.now();
    if (allOnline === undefined && Atomics.load(cells, ONLINE) >= gate) allOnline = now;
    if ((allOnline !== undefined && now - allOnline > GATE_MS) || now - began > CAP_MS) return openGate(cells, 2);
    Atomics.wait(cells, GATE, 0, 20);
  }
}

// ---------------------------------------------------------------------------------------
// Instrumentation on the calling thread.

const TASK_FILE = import.meta.url;
/** A correct pool settles these tasks in about 1 s here (2-core VM, Node 20.20), a few s under heavy load; 15 s means never. */
const DEADLINE_MS = 15_000;
/** Set once a case gave up waiting for tasks, so later cases do not wait for a broken pool again. */
let stuck = false;

function notStuck(t: Assertions): void {
  t.ok(!stuck, 'not run: the tasks of an earlier case never settled (fix that case first).');
}

type WorkerClass = typeof Worker;
const workerThreads = createRequire(import.meta.url)('node:worker_threads') as { Worker: WorkerClass };

interface Census {
  started: number;
  exited: number;
}

/**
 * Counts the worker threads the learner's code starts and that have exited, by swapping
 * worker_threads.Worker for a subclass (syncBuiltinESMExports makes `import { Worker }`
 * see it). Our 'exit' listener comes before any of theirs, so when close() resolves after
 * the exits, the count is already up to date. Threads coming online are counted in the
 * probe, for the start gate.
 */
function watchWorkers(probe: SharedArrayBuffer): { census: Census; restore(): void } {
  const Original = workerThreads.Worker;
  const census: Census = { started: 0, exited: 0 };
  const cells = new Int32Array(probe);
  class CountedWorker extends Original {
    constructor(filename: string | URL, options?: WorkerOptions) {
      super(filename, options);
      census.started += 1;
      this.once('online', () => {
        Atomics.add(cells, ONLINE, 1);
        Atomics.notify(cells, GATE);
      });
      this.once('exit', () => {
        census.exited += 1;
      });
    }
  }
  workerThreads.Worker = CountedWorker;
  syncBuiltinESMExports();
  return {
    census,
    restore() {
      workerThreads.Worker = Original;
      syncBuiltinESMExports();
    },
  };
}

function newProbe(): SharedArrayBuffer {
  return new SharedArrayBuffer(8 * Int32Array.BYTES_PER_ELEMENT);
}

const cell = (probe: SharedArrayBuffer, index: number): number => Atomics.load(new Int32Array(probe), index);

type Settled = PromiseSettledResult<unknown>;

/** Settles every promise, or gives up after `ms` (undefined), without leaving a timer behind. */
async function settleWithin(promises: readonly Promise<unknown>[], ms: number): Promise<Settled[] | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    const settled = await Promise.race([Promise.allSettled(promises), late]);
    if (settled === undefined) stuck = true;
    return settled;
  } finally {
    clearTimeout(timer);
  }
}

const messageOf = (reason: unknown): string => String((reason as { message?: unknown } | null)?.message ?? reason);

/** Checks that each fulfilled promise carries its own task's result, from a pool thread. */
function checkResults(t: Assertions, ids: readonly number[], results: readonly Settled[], skip: ReadonlySet<number> = new Set()): TaskResult[] {
  const values: TaskResult[] = [];
  results.forEach((result, i) => {
    const id = ids[i] as number;
    if (skip.has(id)) return;
    if (result.status !== 'fulfilled') t.fail(`submit(task ${id}) rejected with ${describeValue(result.reason)}, but that task does not throw.`);
    const value = result.value as Partial<TaskResult> | undefined;
    if (value?.id !== id) {
      t.fail(
        `submit(task ${id}) resolved with ${value?.id === undefined ? describeValue(value) : `the result of task ${value.id}`}: ` +
          'settle each promise with the reply of its own task (tasks finish in any order), not of whichever finished first.',
      );
    }
    t.ok(value.thread !== threadId, `task ${id} ran on the calling thread (thread ${threadId}), not in a pool worker.`);
    values.push(value as TaskResult);
  });
  return values;
}

async function closeAndCount(t: Assertions, pool: Exercise.WorkerPool, census: Census, size: number): Promise<void> {
  let running = -1;
  const closed = await settleWithin([pool.close().then(() => (running = census.started - census.exited))], DEADLINE_MS);
  if (closed === undefined) t.fail(`close() had not resolved after ${DEADLINE_MS / 1000} s.`);
  const [outcome] = closed;
  if (outcome?.status === 'rejected') throw outcome.reason;
  t.ok(
    running === 0,
    `close() resolved while ${running} of the pool's ${Math.min(census.started, size)} threads were still running: ` +
      "stop the workers and wait until they have exited (await worker.terminate(), or each worker's 'exit' event).",
  );
}

function checkThreads(t: Assertions, census: Census, values: readonly TaskResult[], size: number, tasks: number, spare = 0): void {
  const threads = new Set(values.map((v) => v.thread)).size;
  const started = Math.max(census.started, threads);
  t.ok(
    started <= size + spare,
    `WorkerPool(${size}) started ${started} worker threads for ${tasks} tasks: a new thread per task is not a pool. ` +
      `Start ${size} workers once and give each of them one task after another.`,
  );
}

// ---------------------------------------------------------------------------------------
// The timing table, after a pass: CPU tasks on the learner's pool against the same tasks on
// their WorkerPool(1). Both pools are started before the clock: the table times the work.

const TIMING_POOL = Math.max(2, Math.min(4, availableParallelism()));
const TIMING_TASKS = 4 * TIMING_POOL;
/** About 15 ms of counting per task (2-core VM, Node 20). */
const TIMING_PRIMES_BELOW = 200_000;

function runBatch(pool: Exercise.WorkerPool): Promise<unknown[]> {
  return Promise.all(Array.from({ length: TIMING_TASKS }, () => pool.submit({ primesBelow: TIMING_PRIMES_BELOW } satisfies TimingTaskInput)));
}

export default defineCheck<typeof Exercise>({
  exports: ['WorkerPool'],
  timing: {
    bound: 'cpu',
    parallel: TIMING_POOL,
    work: `${TIMING_TASKS} tasks that each count the primes below ${TIMING_PRIMES_BELOW.toLocaleString('en-US')}, on pools started beforehand`,
    yours: `your WorkerPool(${TIMING_POOL})`,
    sequential: 'your WorkerPool(1), one task at a time',
    prepare(ex) {
      const pool = new ex.WorkerPool(TIMING_POOL, TASK_FILE);
      const single = new ex.WorkerPool(1, TASK_FILE);
      return {
        yours: () => runBatch(pool),
        sequential: () => runBatch(single),
        close: () => Promise.all([pool.close(), single.close()]),
      };
    },
  },
  cases: [
    {
      name: 'runs 9 tasks on 3 reused threads, 3 at a time, each result to its own promise',
      async run(ex, t: Assertions) {
        notStuck(t);
        const probe = newProbe();
        const { census, restore } = watchWorkers(probe);
        try {
          const ids = [1, 2, 3, 4, 5, 6, 7, 8, 9];
          const pool = new ex.WorkerPool(3, TASK_FILE);
          // Task 1 takes much longer than the rest, so tasks finish out of order.
          const promises = ids.map((id) => pool.submit({ id, ms: id === 1 ? 300 : 20, gate: 3, probe } satisfies TaskInput));
          const results = await settleWithin(promises, DEADLINE_MS);
          t.ok(census.started > 0 || results !== undefined, `WorkerPool(3) started no worker thread, and its 9 tasks never finished.`);
          if (results === undefined) t.fail(`9 tasks on WorkerPool(3) had not all settled after ${DEADLINE_MS / 1000} s (${cell(probe, STARTED)} had started).`);
          const values = checkResults(t, ids, results);
          checkThreads(t, census, values, 3, ids.length);
          const most = cell(probe, MOST);
          t.ok(most !== 1, 'the 9 tasks ran one at a time on WorkerPool(3): the pool waited for each task to finish before starting the next. Give a task to every idle worker.');
          t.ok(most >= 3, `at most ${most} of the 9 tasks ran at once on WorkerPool(3): while tasks are waiting, every idle worker should be running one.`);
          t.ok(most <= 3, `${most} tasks ran at once on WorkerPool(3): the pool must never run more tasks at a time than it has workers.`);
          await closeAndCount(t, pool, census, 3);
        } finally {
          restore();
        }
      },
    },
    {
      name: 'a task that throws rejects its own promise, and the pool keeps working',
      async run(ex, t: Assertions) {
        notStuck(t);
        const probe = newProbe();
        const { census, restore } = watchWorkers(probe);
        try {
          const pool = new ex.WorkerPool(2, TASK_FILE);
          const ids = [1, 2, 3, 4];
          const promises = ids.map((id) => pool.submit({ id, ms: 10, gate: 0, fail: id === 2, probe } satisfies TaskInput));
          const settled = ids.map(() => false);
          promises.forEach((promise, i) => void promise.then(() => (settled[i] = true), () => (settled[i] = true)));
          const results = await settleWithin(promises, DEADLINE_MS);
          if (results === undefined) {
            const stuck = ids.filter((_, i) => !settled[i]);
            t.fail(
              `submit() for task${stuck.length > 1 ? 's' : ''} ${stuck.join(', ')} never settled after ${DEADLINE_MS / 1000} s` +
                (stuck.includes(2) ? ": task 2 threw. Catch the error in the worker, send it back, and reject that task's promise with it." : '.'),
            );
          }
          const failed = results[1] as Settled;
          if (failed.status !== 'rejected') t.fail("submit(task 2) resolved, although task 2 threw: the task's error must reject its promise, as future.result() raises in Python.");
          t.ok(
            messageOf(failed.reason).includes('task 2 failed on purpose'),
            `submit(task 2) rejected with ${describeValue(failed.reason)}, not with the error the task threw ("task 2 failed on purpose"): send the error itself back.`,
          );
          const values = checkResults(t, ids, results, new Set([2]));
          const later = await settleWithin([pool.submit({ id: 5, ms: 1, gate: 0, probe }), pool.submit({ id: 6, ms: 1, gate: 0, probe })], DEADLINE_MS);
          if (later === undefined) t.fail('after a task threw, the next two tasks never finished: a failed task must not take its worker out of the pool.');
          values.push(...checkResults(t, [5, 6], later));
          // A pool may replace a worker that died; it may not start one per task.
          checkThreads(t, census, values, 2, 6, 1);
          await closeAndCount(t, pool, census, 2);
        } finally {
          restore();
        }
      },
    },
    {
      name: 'close() lets submitted tasks finish, then stops every thread',
      async run(ex, t: Assertions) {
        notStuck(t);
        const probe = newProbe();
        const { census, restore } = watchWorkers(probe);
        try {
          const pool = new ex.WorkerPool(2, TASK_FILE);
          const ids = [1, 2, 3, 4];
          let settled = 0;
          const promises = ids.map((id) => pool.submit({ id, ms: 40, gate: 0, probe } satisfies TaskInput).finally(() => (settled += 1)));
          let settledAtClose = -1;
          let runningAtClose = -1;
          const closing = pool.close().then(() => {
            settledAtClose = settled;
            runningAtClose = census.started - census.exited;
          });
          const results = await settleWithin(promises, DEADLINE_MS);
          if (results === undefined) t.fail('close() was called right after 4 submits, and the tasks never settled: close() must let the tasks already submitted run.');
          const values = checkResults(t, ids, results);
          checkThreads(t, census, values, 2, ids.length);
          const closed = await settleWithin([closing], DEADLINE_MS);
          t.ok(closed !== undefined, `close() had not resolved ${DEADLINE_MS / 1000} s after the last task finished.`);
          t.ok(settledAtClose === ids.length, `close() resolved when ${settledAtClose} of the 4 submitted tasks had finished: it must wait for all of them.`);
          t.ok(
            runningAtClose === 0,
            `close() resolved while ${runningAtClose} pool threads were still running: stop the workers and wait until they have exited.`,
          );
          const late = await settleWithin([Promise.resolve().then(() => pool.submit({ id: 9, ms: 1, gate: 0, probe }))], 2000);
          t.ok(late?.[0]?.status === 'rejected', 'submit() after close() did not reject: a closed pool must refuse new tasks (Python raises RuntimeError).');
        } finally {
          restore();
        }
      },
    },
  ],
});
