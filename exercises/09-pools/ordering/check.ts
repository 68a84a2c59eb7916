import { isDeepStrictEqual } from 'node:util';
import { defineCheck, describeValue, type Assertions } from 'threadlings/check';
import type * as Exercise from './solution.ts';

// ---------------------------------------------------------------------------------------
// The task the pool runs. This file is also the pool's task module (piscina imports it in
// each of its threads and calls `task`). Tasks finish in reverse input order, enforced
// rather than hoped for: task i waits until task i + 1 has been handled by the caller (its
// result arrived, for mapInOrder; its outcome was yielded, for asCompleted), so the last
// task finishes first, then the one before it, and so on.

/** Probe cells: set when a wait gave up, tasks submitted so far, tasks running now, most running at once. */
const BROKEN = 0;
const SUBMITTED = 1;
const RUNNING = 2;
const MOST = 3;
const NAP = 4;
/** Then one cell per task: its result reached the caller. */
const RECEIVED = 5;
const TASKS = 4;
/** Then one cell per task: the caller has handled it (what task i - 1 waits for). */
const HANDLED = RECEIVED + TASKS;
const CELLS = HANDLED + TASKS;
/**
 * A task stops waiting for its successor once the caller has plainly stopped cooperating
 * for this long: for mapInOrder, not every task had been submitted; for asCompleted, the
 * successor's result had arrived but was not yielded. A slow machine never trips it (a
 * thread that is slow to start is not "not submitted"); CAP_MS bounds the rest.
 */
const WAIT_MS = 2500;
const CAP_MS = 10_000;

export interface TaskInput {
  readonly index: number;
  readonly fail: boolean;
  /** 'map': wait for the successor's result to arrive; 'yield': for its outcome to be yielded. */
  readonly mode: 'map' | 'yield';
  readonly probe: SharedArrayBuffer;
}

function awaitSuccessor(cells: Int32Array, input: TaskInput): void {
  const next = input.index + 1;
  if (next >= TASKS) return;
  const began = Date.now();
  let suspicious: number | undefined;
  while (Atomics.load(cells, HANDLED + next) === 0 && Atomics.load(cells, BROKEN) === 0) {
    const now = Date.now();
    const stalled = input.mode === 'map' ? Atomics.load(cells, SUBMITTED) < TASKS : Atomics.load(cells, RECEIVED + next) !== 0;
    suspicious = stalled ? (suspicious ?? now) : undefined;
    if ((suspicious !== undefined && now - suspicious > WAIT_MS) || now - began > CAP_MS) {
      Atomics.store(cells, BROKEN, 1);
      return;
    }
    Atomics.wait(cells, HANDLED + next, 0, 20);
  }
}

export function task(input: TaskInput): number {
  const cells = new Int32Array(input.probe);
  const running = Atomics.add(cells, RUNNING, 1) + 1;
  for (let most = Atomics.load(cells, MOST); running > most; most = Atomics.load(cells, MOST)) {
    if (Atomics.compareExchange(cells, MOST, most, running) === most) break;
  }
  try {
    awaitSuccessor(cells, input);
    Atomics.wait(cells, NAP, 0, 2);
    if (input.fail) throw new Error(`task ${input.index} failed on purpose`);
    return input.index * 10;
  } finally {
    Atomics.sub(cells, RUNNING, 1);
  }
}

// ---------------------------------------------------------------------------------------
// The calling side.

/** Far more than a correct run needs: about 1.5 s for the first case (it starts the pool), ms for the others (2-core VM, Node 20.20). */
const DEADLINE_MS = 12_000;

interface Probe {
  readonly buffer: SharedArrayBuffer;
  readonly cells: Int32Array;
  /** Task `index`'s result reached this thread. */
  received(index: number): void;
  /** Task `index` was handled (in map mode, the same moment as received): task `index - 1` may finish. */
  handled(index: number): void;
  submitted(): void;
}

function newProbe(): Probe {
  const buffer = new SharedArrayBuffer(CELLS * Int32Array.BYTES_PER_ELEMENT);
  const cells = new Int32Array(buffer);
  const set = (cell: number): void => {
    Atomics.store(cells, cell, 1);
    Atomics.notify(cells, cell);
  };
  return {
    buffer,
    cells,
    received: (index) => set(RECEIVED + index),
    handled: (index) => set(HANDLED + index),
    submitted: () => void Atomics.add(cells, SUBMITTED, 1),
  };
}

interface Pool {
  run(input: TaskInput): Promise<number>;
  destroy(): Promise<void>;
}

let shared: Promise<Pool> | undefined;

/**
 * A piscina pool with one thread per task (so all can run at once), running `task` from
 * this file; one pool serves every case (starting its threads is most of a case's time).
 */
function thePool(): Promise<Pool> {
  shared ??= import('piscina').then(({ Piscina }) => new Piscina({ filename: import.meta.url, name: 'task', minThreads: TASKS, maxThreads: TASKS }));
  return shared;
}

async function within<T>(promise: Promise<T>, ms: number): Promise<{ done: true; value: T } | { done: false }> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<{ done: false }>((resolve) => {
    timer = setTimeout(() => resolve({ done: false }), ms);
  });
  try {
    return await Promise.race([promise.then((value) => ({ done: true as const, value })), late]);
  } finally {
    clearTimeout(timer);
  }
}

const inputs = (probe: Probe, mode: TaskInput['mode'], failing?: number): TaskInput[] =>
  Array.from({ length: TASKS }, (_, index) => ({ index, fail: index === failing, mode, probe: probe.buffer }));

/** The runner mapInOrder gets: counts submissions and marks each result as it arrives. */
function runnerFor(pool: Pool, probe: Probe): { run(input: TaskInput): Promise<number> } {
  return {
    run(input) {
      probe.submitted();
      return pool.run(input).finally(() => {
        probe.received(input.index);
        probe.handled(input.index);
      });
    },
  };
}

async function collect<T>(outcomes: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const outcome of outcomes) out.push(outcome);
  return out;
}

const messageOf = (reason: unknown): string => String((reason as { message?: unknown } | null)?.message ?? reason);

function checkMapConcurrency(t: Assertions, probe: Probe): void {
  const most = Atomics.load(probe.cells, MOST);
  t.ok(
    Atomics.load(probe.cells, BROKEN) === 0,
    `mapInOrder ran the tasks one after another (at most ${most} at a time): it waited for each result before submitting the next task. ` +
      'Submit every input first, then wait for all the results (Promise.all keeps their order).',
  );
}

export default defineCheck<typeof Exercise>({
  exports: ['mapInOrder', 'asCompleted'],
  cases: [
    {
      name: 'mapInOrder returns results in input order while tasks finish in reverse',
      async run(ex, t: Assertions) {
        const pool = await thePool();
        const probe = newProbe();
        const outcome = await within(ex.mapInOrder(runnerFor(pool, probe), inputs(probe, 'map')), DEADLINE_MS);
        if (!outcome.done) t.fail(`mapInOrder over ${TASKS} tasks had not resolved after ${DEADLINE_MS / 1000} s.`);
        checkMapConcurrency(t, probe);
        const expected = [0, 10, 20, 30];
        t.ok(
          !isDeepStrictEqual(outcome.value, [30, 20, 10, 0]),
          `mapInOrder resolved with ${describeValue(outcome.value)}: the results in the order the tasks finished (the last task finished first). ` +
            "Like Python's executor.map, it must give result i for input i, whenever each arrives.",
        );
        t.equal(outcome.value, expected, 'mapInOrder(pool, 4 inputs) (task i returns i * 10)');
      },
    },
    {
      name: 'mapInOrder rejects with the error of a task that throws',
      async run(ex, t: Assertions) {
        const pool = await thePool();
        const probe = newProbe();
        const mapped = ex.mapInOrder(runnerFor(pool, probe), inputs(probe, 'map', 1));
        mapped.catch(() => {});
        const outcome = await within(
          mapped.then(
            (value) => ({ rejected: false, value }) as const,
            (reason: unknown) => ({ rejected: true, reason }) as const,
          ),
          DEADLINE_MS,
        );
        if (!outcome.done) t.fail(`mapInOrder, with task 1 throwing, had not settled after ${DEADLINE_MS / 1000} s.`);
        const settled = outcome.value;
        if (!settled.rejected) t.fail(`task 1 threw, yet mapInOrder resolved with ${describeValue(settled.value)}: the error must reach the caller.`);
        t.ok(
          messageOf(settled.reason).includes('task 1 failed on purpose'),
          `mapInOrder rejected with ${describeValue(settled.reason)}, not with the error task 1 threw ("task 1 failed on purpose").`,
        );
      },
    },
    {
      name: 'asCompleted yields each outcome as soon as its task finishes',
      async run(ex, t: Assertions) {
        const pool = await thePool();
        const probe = newProbe();
        const promises = inputs(probe, 'yield', 1).map((input) => {
          probe.submitted();
          const promise = pool.run(input);
          promise.then(
            () => probe.received(input.index),
            () => probe.received(input.index),
          );
          return promise;
        });
        const seen: Exercise.Outcome<number>[] = [];
        const consume = async (): Promise<void> => {
          for await (const outcome of ex.asCompleted(promises)) {
            seen.push(outcome);
            // Task i - 1 may finish only now that task i's outcome has reached us.
            if (typeof outcome?.index === 'number' && outcome.index >= 0 && outcome.index < TASKS) probe.handled(outcome.index);
          }
        };
        const outcome = await within(consume(), DEADLINE_MS);
        const order = seen.map((o) => o?.index);
        t.ok(outcome.done, `asCompleted had not finished after ${DEADLINE_MS / 1000} s; it had yielded tasks ${describeValue(order)}.`);
        if (Atomics.load(probe.cells, BROKEN) !== 0) {
          t.ok(
            !isDeepStrictEqual(order, [0, 1, 2, 3]),
            'asCompleted yielded the outcomes in input order (0, 1, 2, 3): it waited for task 0 while task 3 had finished long before. ' +
              'Yield whichever promise settles first, as Python\'s as_completed does.',
          );
          t.fail(
            `asCompleted yielded ${describeValue(order)}, but only after holding back the first task to finish until others had finished too: ` +
              'yield each outcome as soon as its promise settles (here task 2 could finish only once task 3 had been yielded).',
          );
        }
        t.ok(new Set(order).size === order.length, `asCompleted yielded ${describeValue(order)}: some task more than once. Yield each promise's outcome exactly once.`);
        t.equal(order, [3, 2, 1, 0], 'the task indexes asCompleted yielded, in order (the tasks finished last to first)');
        const byIndex = (i: number): Exercise.Outcome<number> | undefined => seen.find((o) => o.index === i);
        for (const i of [0, 2, 3]) t.equal(byIndex(i), { index: i, status: 'fulfilled', value: i * 10 }, `the outcome of task ${i}`);
        const failed = byIndex(1);
        if (failed?.status !== 'rejected') t.fail(`task 1 threw, but asCompleted yielded ${describeValue(failed)} for it: expected { index: 1, status: 'rejected', reason: <its error> }.`);
        t.ok(
          messageOf(failed.reason).includes('task 1 failed on purpose'),
          `the reason asCompleted gave for task 1 is ${describeValue(failed.reason)}, not the error it threw ("task 1 failed on purpose").`,
        );
        // The last case that needs the pool.
        await pool.destroy();
      },
    },
    {
      name: 'asCompleted handles no promises and promises settled already',
      async run(ex, t: Assertions) {
        const none = await within(collect(ex.asCompleted([])), 1000);
        if (!none.done) t.fail('asCompleted([]) never finished: with no promises there is nothing to wait for.');
        t.equal(none.value, [], 'what asCompleted([]) yielded');
        const failure = new Error('settled already');
        const ready = [Promise.reject(failure), Promise.resolve(7)];
        ready[0]?.catch(() => {});
        const both = await within(collect(ex.asCompleted(ready)), 1000);
        if (!both.done) t.fail('asCompleted over two promises that had settled already never finished.');
        const sorted = [...both.value].sort((a, b) => a.index - b.index).map((o) => (o.status === 'rejected' ? { ...o, reason: messageOf(o.reason) } : o));
        t.equal(
          sorted,
          [
            { index: 0, status: 'rejected', reason: failure.message },
            { index: 1, status: 'fulfilled', value: 7 },
          ],
          'the outcomes of a rejected and a fulfilled promise, sorted by index (a reason shown by its message)',
        );
      },
    },
  ],
});
