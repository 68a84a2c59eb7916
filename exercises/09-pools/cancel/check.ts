import { defineCheck, describeValue, type Assertions } from 'threadlings/check';
import type * as Exercise from './solution.ts';

// ---------------------------------------------------------------------------------------
// The task the executor's `run` starts: it runs in a piscina thread (this file is also the
// pool's task module) and holds its thread until the check releases it, so the check
// decides which tasks are running and which are still waiting, with no timing involved.

const RELEASE = 0;
const SLOTS = 16;
/** A task that is never released gives up after this long, so nothing hangs for good. */
const HOLD_MS = 15_000;

export interface TaskInput {
  readonly index: number;
  readonly gates: SharedArrayBuffer;
}

export function task(input: TaskInput): number {
  const gates = new Int32Array(input.gates);
  Atomics.wait(gates, RELEASE + input.index, 0, HOLD_MS);
  return input.index * 10;
}

// ---------------------------------------------------------------------------------------
// The calling side.

interface Pool {
  run(input: TaskInput): Promise<number>;
  destroy(): Promise<void>;
}

let shared: Promise<Pool> | undefined;

/** One piscina pool for every case, with more threads than any executor here may use. */
function thePool(): Promise<Pool> {
  shared ??= import('piscina').then(({ Piscina }) => new Piscina({ filename: import.meta.url, name: 'task', minThreads: 3, maxThreads: 3 }));
  return shared;
}

/** The `run` the executor gets, recording which tasks it started and how many ran at once. */
class Lab {
  readonly gates = new Int32Array(new SharedArrayBuffer(SLOTS * Int32Array.BYTES_PER_ELEMENT));
  readonly started: number[] = [];
  inFlight = 0;
  most = 0;

  constructor(readonly pool: Pool) {}

  readonly run = (index: number): Promise<number> => {
    this.started.push(index);
    this.inFlight += 1;
    this.most = Math.max(this.most, this.inFlight);
    return this.pool.run({ index, gates: this.gates.buffer as SharedArrayBuffer }).finally(() => (this.inFlight -= 1));
  };

  release(...indexes: number[]): void {
    for (const i of indexes) {
      Atomics.store(this.gates, RELEASE + i, 1);
      Atomics.notify(this.gates, RELEASE + i);
    }
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually(condition: () => boolean, ms = 1000): Promise<boolean> {
  const until = performance.now() + ms;
  while (!condition()) {
    if (performance.now() > until) return false;
    await sleep(5);
  }
  return true;
}

type State = { settled: false } | { settled: true; ok: true; value: unknown } | { settled: true; ok: false; reason: unknown };

function watch(promise: Promise<unknown>): { readonly now: State } {
  const box: { now: State } = { now: { settled: false } };
  promise.then(
    (value) => (box.now = { settled: true, ok: true, value }),
    (reason: unknown) => (box.now = { settled: true, ok: false, reason }),
  );
  return box;
}

function isCancelled(ex: typeof Exercise, reason: unknown): boolean {
  return reason instanceof ex.CancelledError || (reason as { name?: unknown } | null)?.name === 'CancelledError';
}

async function expectCancelled(t: Assertions, ex: typeof Exercise, state: { readonly now: State }, what: string): Promise<void> {
  await eventually(() => state.now.settled, 500);
  const now = state.now;
  if (!now.settled) t.fail(`${what} was cancelled, but its promise never settled: reject it with a CancelledError when cancelling.`);
  if (now.ok) t.fail(`${what} was cancelled, but its promise resolved with ${describeValue(now.value)}: reject it with a CancelledError.`);
  t.ok(isCancelled(ex, now.reason), `${what} was cancelled, but its promise rejected with ${describeValue(now.reason)}, not a CancelledError.`);
}

async function expectResults(t: Assertions, states: ReadonlyMap<number, { readonly now: State }>): Promise<void> {
  await eventually(() => [...states.values()].every((s) => s.now.settled), 10_000);
  for (const [index, state] of states) {
    const now = state.now;
    if (!now.settled) t.fail(`task ${index} was released but its promise never settled.`);
    if (!now.ok) t.fail(`task ${index} was not cancelled, yet its promise rejected with ${describeValue(now.reason)}: it should have run and resolved with ${index * 10}.`);
    t.equal(now.value, index * 10, `the result of task ${index}`);
  }
}

export default defineCheck<typeof Exercise>({
  exports: ['Executor', 'CancelledError'],
  cases: [
    {
      name: 'cancel() removes a waiting task; a running task cannot be cancelled and finishes',
      async run(ex, t: Assertions) {
        const lab = new Lab(await thePool());
        try {
          const executor = new ex.Executor(2, lab.run);
          const futures = [0, 1, 2, 3, 4].map((i) => executor.submit(i));
          const states = futures.map((f) => watch(f.promise));
          t.ok(await eventually(() => lab.started.length >= 2), `Executor(2) was given 5 tasks and started ${lab.started.length}: it should start 2 at once.`);
          await sleep(20);
          t.ok(lab.started.length === 2, `Executor(2) started ${lab.started.length} of 5 tasks at once: at most maxWorkers (2) may run, the rest wait in a queue.`);
          t.equal(lab.started, [0, 1], 'the tasks Executor(2) started first (in the order they were submitted)');
          t.ok(!futures[0]?.cancel(), 'cancel() on task 0, which is running, returned true: a task that has started cannot be cancelled (it runs to the end); return false.');
          t.ok(
            futures[3]?.cancel(),
            'cancel() on task 3, which was still waiting for a free worker, returned false: take it out of the queue, reject its promise with a CancelledError and return true.',
          );
          await expectCancelled(t, ex, states[3] as { now: State }, 'task 3');
          t.ok(futures[3]?.cancel(), 'cancel() on task 3 a second time returned false: a cancelled task stays cancelled (Python returns True again).');
          lab.release(0, 1, 2, 3, 4);
          await expectResults(t, new Map([0, 1, 2, 4].map((i) => [i, states[i] as { now: State }])));
          t.ok(!lab.started.includes(3), `task 3 was cancelled, yet it ran (the tasks started were ${describeValue(lab.started)}): a cancelled task must never start.`);
          t.ok(lab.most <= 2, `${lab.most} tasks ran at once on Executor(2).`);
          t.ok(!futures[1]?.cancel(), 'cancel() on task 1 after it finished returned true: a finished task cannot be cancelled.');
          const closing = watch(executor.shutdown());
          t.ok(await eventually(() => closing.now.settled, 2000), 'every task had finished, but shutdown() never resolved.');
        } finally {
          lab.release(0, 1, 2, 3, 4);
        }
      },
    },
    {
      name: 'shutdown({ cancelPending: true }) cancels the queue and waits for the running task',
      async run(ex, t: Assertions) {
        const lab = new Lab(await thePool());
        try {
          const executor = new ex.Executor(1, lab.run);
          const states = [0, 1, 2, 3].map((i) => watch(executor.submit(i).promise));
          t.ok(await eventually(() => lab.started.length >= 1), 'Executor(1) was given 4 tasks and started none.');
          const closing = watch(executor.shutdown({ cancelPending: true }));
          for (const i of [1, 2, 3]) {
            await eventually(() => (states[i] as { now: State }).now.settled, 300);
            t.ok(
              (states[i] as { now: State }).now.settled,
              `shutdown({ cancelPending: true }) left task ${i}, which was still waiting, uncancelled: cancel every waiting task (reject each with a CancelledError).`,
            );
            await expectCancelled(t, ex, states[i] as { now: State }, `task ${i}`);
          }
          await sleep(50);
          t.ok(!closing.now.settled, 'shutdown() resolved while task 0 was still running: it must wait for the running tasks to finish.');
          let refused = false;
          try {
            const late = watch(executor.submit(9).promise);
            await eventually(() => late.now.settled, 200);
            refused = late.now.settled && !late.now.ok;
          } catch {
            refused = true;
          }
          t.ok(refused, 'submit() after shutdown() was accepted: a shut-down executor must refuse new tasks (throw, or reject).');
          lab.release(0);
          await expectResults(t, new Map([[0, states[0] as { now: State }]]));
          t.ok(await eventually(() => closing.now.settled, 2000), 'task 0 finished, but shutdown() never resolved.');
          const ranAnyway = lab.started.filter((i) => i !== 0);
          t.ok(ranAnyway.length === 0, `task ${ranAnyway.join(', ')} ran although shutdown({ cancelPending: true }) had cancelled it: a cancelled task must never start.`);
        } finally {
          lab.release(0, 1, 2, 3, 9);
        }
      },
    },
    {
      name: 'shutdown() without cancelPending lets every submitted task run',
      async run(ex, t: Assertions) {
        const pool = await thePool();
        const lab = new Lab(pool);
        try {
          const executor = new ex.Executor(2, lab.run);
          const states = [0, 1, 2, 3].map((i) => watch(executor.submit(i).promise));
          const closing = watch(executor.shutdown());
          await sleep(20);
          t.ok(!closing.now.settled, 'shutdown() resolved while tasks were still running or waiting: without cancelPending it waits for all of them.');
          lab.release(0, 1, 2, 3);
          await expectResults(t, new Map(states.map((s, i) => [i, s])));
          t.ok(await eventually(() => closing.now.settled, 2000), 'every task finished, but shutdown() never resolved.');
          t.ok(lab.most <= 2, `${lab.most} tasks ran at once on Executor(2).`);
        } finally {
          lab.release(0, 1, 2, 3);
          // The last case: stop the pool's threads.
          await pool.destroy();
        }
      },
    },
  ],
});
