import { defineCheck, describeValue, type Assertions } from 'threadlings/check';
import type * as Exercise from './solution.ts';

/*
 * The tasks are the check's own async functions. Each counts itself in flight from the
 * moment it is called until it settles, and takes a fixed number of event-loop turns
 * (setImmediate), so the number in flight, the order of events and the moment the
 * promise settles are the same on every run and every machine: no clock involved.
 */

interface Stats {
  started: number;
  running: number;
  maxRunning: number;
}

interface Spec {
  readonly turns: number;
  readonly fail?: boolean;
}

/** An error as one line (name and message), anything else as the check shows values. */
const brief = (value: unknown): string => (value instanceof Error ? `${value.name}: ${value.message}` : describeValue(value));

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function tasksOf(specs: readonly Spec[]): { tasks: (() => Promise<string>)[]; stats: Stats; errors: Error[] } {
  const stats: Stats = { started: 0, running: 0, maxRunning: 0 };
  const errors = specs.map((_, index) => new Error(`task ${index} failed`));
  const tasks = specs.map((spec, index) => async (): Promise<string> => {
    stats.started++;
    stats.running++;
    stats.maxRunning = Math.max(stats.maxRunning, stats.running);
    try {
      for (let i = 0; i < spec.turns; i++) await turn();
      if (spec.fail) throw errors[index];
      return `result ${index}`;
    } finally {
      stats.running--;
    }
  });
  return { tasks, stats, errors };
}

const ok = (turns: number[]): Spec[] => turns.map((turns) => ({ turns }));

/** Runs the tasks and checks the limit held and was used: neither unbounded nor one by one. */
async function checkLimit(ex: typeof Exercise, t: Assertions, count: number, limit: number): Promise<void> {
  const { tasks, stats } = tasksOf(ok(Array.from({ length: count }, (_, i) => 1 + ((i * 7) % 5))));
  const results = await ex.runLimited(tasks, limit);
  const call = `runLimited(${count} tasks, ${limit})`;
  t.ok(
    stats.maxRunning <= limit,
    `${call} had ${stats.maxRunning} tasks in flight at once: the limit of ${limit} is not enforced (every task started at once, as with Promise.all(tasks.map(...))); unbounded concurrency is what the limit is there to prevent.`,
  );
  const expected = Math.min(limit, count);
  t.ok(
    stats.maxRunning === expected,
    `${call} never had more than ${stats.maxRunning} task(s) in flight, though ${expected} were allowed: the tasks ran ${stats.maxRunning === 1 ? 'one after another' : 'below the limit'}; start a new task as soon as a slot is free.`,
  );
  t.equal(stats.started, count, `${call}: tasks started`);
  t.equal(results, Array.from({ length: count }, (_, i) => `result ${i}`), call);
}

export default defineCheck<typeof Exercise>({
  exports: ['runLimited'],
  cases: [
    {
      name: 'returns every result, in task order, though the tasks finish in another order',
      async run(ex, t) {
        const { tasks } = tasksOf(ok([6, 1, 4, 1, 5, 9, 2, 6, 5, 3]));
        t.equal(await ex.runLimited(tasks, 3), Array.from({ length: 10 }, (_, i) => `result ${i}`), 'runLimited(10 tasks, 3)');
      },
    },
    {
      name: 'keeps at most `limit` tasks in flight, and uses them all (10 tasks, limit 3)',
      run: (ex, t) => checkLimit(ex, t, 10, 3),
    },
    {
      name: 'limit 1 runs the tasks one by one; a limit above the task count runs them all at once',
      async run(ex, t) {
        await checkLimit(ex, t, 5, 1);
        await checkLimit(ex, t, 4, 50);
      },
    },
    {
      name: 'every error surfaces (AggregateError), after every task has settled',
      async run(ex, t) {
        const specs: Spec[] = [{ turns: 3 }, { turns: 1, fail: true }, { turns: 5 }, { turns: 2 }, { turns: 2, fail: true }, { turns: 4 }];
        const { tasks, stats, errors } = tasksOf(specs);
        const failed = [errors[1], errors[4]];
        // Snapshot the stats the moment the promise settles: the tasks only move on later turns of the loop.
        const outcome = await ex.runLimited(tasks, 2).then(
          (value) => ({ rejected: false as const, value, running: stats.running, started: stats.started }),
          (reason: unknown) => ({ rejected: true as const, reason, running: stats.running, started: stats.started }),
        );
        if (!outcome.rejected) {
          return t.fail(`runLimited resolved with ${describeValue(outcome.value)} although tasks 1 and 4 failed: the errors were swallowed; reject with an AggregateError holding every error.`);
        }
        const reported = (outcome.reason as { errors?: unknown } | null | undefined)?.errors;
        const list = Array.isArray(reported) ? reported : [];
        const found = failed.filter((error) => list.some((item) => item === error || (item instanceof Error && item.message === error?.message)));
        if (!Array.isArray(reported)) {
          return t.fail(`runLimited rejected with ${brief(outcome.reason)}, only one error, though tasks 1 and 4 both failed: the other failure was lost; collect every error and reject with new AggregateError(errors).`);
        }
        t.ok(found.length === failed.length, `runLimited rejected with an errors list holding ${found.length} of the 2 failures ([${list.map(brief).join(', ')}]): every failed task's error must be in it.`);
        t.ok(
          outcome.running === 0,
          `runLimited rejected while ${outcome.running} task(s) were still running: wait for every task to settle before reporting (join everything), or those tasks run on with nobody watching.`,
        );
        t.ok(outcome.started === specs.length, `only ${outcome.started} of ${specs.length} tasks ever started: one failure must not stop the remaining tasks.`);
      },
    },
    {
      name: 'no tasks: resolves with an empty list',
      async run(ex, t) {
        t.equal(await ex.runLimited([], 3), [], 'runLimited([], 3)');
      },
    },
  ],
});
