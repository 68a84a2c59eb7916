import { performance } from 'node:perf_hooks';
import { inspect } from 'node:util';
import { defineCheck, type Assertions } from 'threadlings/check';
import type * as Exercise from './solution.ts';

/** How long each task "takes" (a stand-in for a request). */
const TASK_MS = 60;
/** How long a whole scenario may run before the check stops waiting. */
const GUARD_MS = 2500;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const ms = (value: number): string => `${Math.round(value)} ms`;
const describe = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : inspect(error));

interface Scenario {
  /** When each call's task started, in ms after the scenario began (undefined: never started). */
  readonly starts: (number | undefined)[];
  /** What each call's promise settled to (undefined: still pending when the guard ran out). */
  readonly outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown } | undefined)[];
}

/**
 * Makes calls through a fresh limiter: `waves` lists how many calls to make and when
 * (ms after the start). Each task records when it started, waits TASK_MS, returns its index.
 */
async function play(ex: typeof Exercise, perInterval: number, intervalMs: number, waves: readonly { at: number; calls: number }[], failing = new Set<number>()): Promise<Scenario> {
  const schedule = ex.createRateLimiter(perInterval, intervalMs);
  const total = waves.reduce((sum, wave) => sum + wave.calls, 0);
  const starts: (number | undefined)[] = new Array(total).fill(undefined);
  const outcomes: Scenario['outcomes'] = new Array(total).fill(undefined);
  const began = performance.now();
  const settled: Promise<void>[] = [];
  let index = 0;
  for (const wave of waves) {
    const wait = wave.at - (performance.now() - began);
    if (wait > 0) await sleep(wait);
    for (let i = 0; i < wave.calls; i += 1, index += 1) {
      const me = index;
      const task = async (): Promise<number> => {
        starts[me] = performance.now() - began;
        await sleep(TASK_MS);
        if (failing.has(me)) throw new Error(`task ${me} failed`);
        return me;
      };
      settled.push(
        Promise.resolve()
          .then(() => schedule(task))
          .then(
            (value) => void (outcomes[me] = { ok: true, value }),
            (error: unknown) => void (outcomes[me] = { ok: false, error }),
          ),
      );
    }
  }
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, GUARD_MS - (performance.now() - began));
  });
  await Promise.race([Promise.all(settled), guard]);
  clearTimeout(timer);
  return { starts, outcomes };
}

/** Fails unless every call started and got its own result back (or its own error). */
function expectAllRan(t: Assertions, run: Scenario, failing = new Set<number>()): void {
  run.outcomes.forEach((outcome, i) => {
    if (outcome && !outcome.ok && !failing.has(i)) {
      const task = run.starts[i] === undefined ? 'never ran' : 'succeeded';
      const jam = failing.size > 0 ? ': one failing task must not affect the calls after it' : '';
      t.fail(`call ${i} rejected with ${describe(outcome.error)}, but its task ${task}${jam}.`);
    }
  });
  const notStarted = run.starts.filter((start) => start === undefined).length;
  t.ok(notStarted === 0, `${notStarted} of ${run.starts.length} tasks had not started after ${GUARD_MS / 1000} s: every call must run eventually.`);
  run.outcomes.forEach((outcome, i) => {
    if (outcome === undefined) return t.fail(`call ${i} never settled, although its task finished.`);
    if (failing.has(i)) return t.ok(!outcome.ok, `call ${i}'s task threw, but its promise resolved: the caller must see the task's error.`);
    if (outcome.ok) t.equal(outcome.value, i, `the result of call ${i}`);
  });
}

/** Extra advice for a crowded window: `group` holds the starts in it, `first` the first start of all. */
type Hint = (group: readonly number[], first: number) => string;

/** Fails if more than `perInterval` starts fall inside one window (with a 10% allowance for timers). */
function expectWithinRate(t: Assertions, run: Scenario, perInterval: number, intervalMs: number, hint: Hint): void {
  const starts = run.starts.filter((start): start is number => start !== undefined).sort((a, b) => a - b);
  if (starts.length > perInterval && starts.at(-1)! - starts[0]! < 0.9 * intervalMs) {
    t.fail(`all ${starts.length} tasks started within ${ms(starts.at(-1)! - starts[0]!)}, but at most ${perInterval} may start in any ${intervalMs} ms: make the others wait their turn.`);
  }
  for (let i = 0; i + perInterval < starts.length; i += 1) {
    const span = starts[i + perInterval]! - starts[i]!;
    if (span < 0.9 * intervalMs) {
      const group = starts.slice(i, i + perInterval + 1);
      const at = group.map((start) => Math.round(start)).join(', ');
      t.fail(`${perInterval + 1} tasks started within ${ms(span)} (at ${at} ms), but at most ${perInterval} may start in any ${intervalMs} ms window${hint(group, starts[0]!)}.`);
    }
  }
}

/** The burst scenario (12 calls at once, 4 per 100 ms), shared by the first two cases. */
const bursts = new WeakMap<object, Promise<Scenario>>();
function burst(ex: typeof Exercise): Promise<Scenario> {
  let run = bursts.get(ex);
  if (!run) {
    run = play(ex, 4, 100, [{ at: 0, calls: 12 }]);
    bursts.set(ex, run);
  }
  return run;
}

export default defineCheck<typeof Exercise>({
  exports: ['createRateLimiter'],
  cases: [
    {
      name: 'starts at most 4 of 12 tasks in any 100 ms',
      async run(ex, t) {
        const run = await burst(ex);
        // Starts that wait for earlier tasks to end show as a crowd spread over about one task's time.
        const afterTasksEnded: Hint = (group) =>
          group.at(-1)! - group[0]! >= 0.8 * TASK_MS
            ? ': limiting how many tasks *run* at once is not limiting how many *start* per interval, because short tasks let the next ones in too early'
            : '';
        expectWithinRate(t, run, 4, 100, afterTasksEnded);
        expectAllRan(t, run);
      },
    },
    {
      name: 'starts each task as soon as the limit allows',
      async run(ex, t) {
        const run = await burst(ex);
        expectAllRan(t, run);
        const starts = run.starts.map((start) => start ?? Infinity);
        const span = Math.max(...starts) - Math.min(...starts);
        // 12 calls at 4 per 100 ms: the last can start 200 ms after the first; allow 4 more windows.
        t.ok(
          span <= 600,
          `the last of 12 tasks started ${ms(span)} after the first, but 4 per 100 ms lets it start after 200 ms: the limiter holds tasks longer than the limit needs (does it let only one task through per interval, or wait for tasks to finish?).`,
        );
      },
    },
    {
      name: 'counts any 200 ms window, not fixed ones (3 calls, then 5 more 100 ms later; 4 per 200 ms)',
      async run(ex, t) {
        const run = await play(ex, 4, 200, [
          { at: 0, calls: 3 },
          { at: 100, calls: 5 },
        ]);
        // A counter reset on a fixed clock shows as a crowd on both sides of the first reset.
        const aroundReset: Hint = (group, first) =>
          group[0]! < first + 190 && group.at(-1)! >= first + 190
            ? ': a counter that resets every 200 ms lets up to twice the limit through around the reset; remember when the last 4 tasks started instead'
            : '';
        expectWithinRate(t, run, 4, 200, aroundReset);
        expectAllRan(t, run);
      },
    },
    {
      name: 'a failing task rejects its own call and the others still run',
      async run(ex, t) {
        const run = await play(ex, 2, 50, [{ at: 0, calls: 5 }], new Set([1]));
        expectAllRan(t, run, new Set([1]));
      },
    },
  ],
});
