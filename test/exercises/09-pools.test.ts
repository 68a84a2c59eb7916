/**
 * Lesson 09 (pools): every verdict is deterministic. The starters and the common wrong
 * answers fail 20 times out of 20 for the reason the lesson teaches; the solutions pass
 * 20 times out of 20; alternative correct answers pass and other wrong answers fail with
 * the message that names their mistake.
 */
import { describe, expect, it } from 'vitest';
import type { GradeResult } from '../../src/grader/protocol.ts';
import { gradeTimes, solutionFile } from '../helpers/grading.ts';

const RUNS = 20;
/** Variants that are not the lesson's main mistake: enough runs to see the same verdict repeat. */
const FEW = 3;
const SLOW = 600_000;

/** The message of the first failed case, or the summary when no case failed. */
function failureOf(result: GradeResult): string {
  return result.cases.find((c) => c.status === 'fail')?.message ?? result.summary;
}

function expectAllPass(results: readonly GradeResult[], runs: number): void {
  expect(results.filter((r) => !r.passed).map(failureOf)).toEqual([]);
  expect(results).toHaveLength(runs);
}

function expectAllFail(results: readonly GradeResult[], runs: number, message: RegExp): void {
  expect(results).toHaveLength(runs);
  for (const result of results) {
    expect(result.passed, result.summary).toBe(false);
    expect(result.kind, failureOf(result)).toBe('wrong-result');
    expect(failureOf(result)).toMatch(message);
  }
}

describe('pools/worker-pool', () => {
  const id = 'pools/worker-pool';
  const variant = (name: string): string => solutionFile(`09-pools/worker-pool/${name}.ts`);

  it('fails the starter every time: a new thread per task', { timeout: SLOW }, async () => {
    expectAllFail(
      await gradeTimes(id, 'starter.ts', RUNS),
      RUNS,
      /^WorkerPool\(3\) started 9 worker threads for 9 tasks: a new thread per task is not a pool\./,
    );
  });

  it('passes the solution every time', { timeout: SLOW }, async () => {
    expectAllPass(await gradeTimes(id, 'solution.ts', RUNS), RUNS);
  });

  it('passes an alternative built on piscina', { timeout: SLOW }, async () => {
    expectAllPass(await gradeTimes(id, variant('piscina'), 5), 5);
  });

  it('fails a pool that runs its tasks one by one every time, naming it', { timeout: SLOW }, async () => {
    expectAllFail(
      await gradeTimes(id, variant('one-at-a-time'), RUNS),
      RUNS,
      /^the 9 tasks ran one at a time on WorkerPool\(3\): the pool waited for each task to finish before starting the next/,
    );
  });

  it('fails settling the oldest promise with any reply every time', { timeout: SLOW }, async () => {
    expectAllFail(
      await gradeTimes(id, variant('oldest-promise'), RUNS),
      RUNS,
      /^submit\(task 1\) resolved with the result of task \d: settle each promise with the reply of its own task/,
    );
  });

  it('fails a task error that never reaches its promise', { timeout: SLOW }, async () => {
    expectAllFail(await gradeTimes(id, variant('uncaught-error'), FEW), FEW, /^submit\(\) for task 2 never settled after 15 s: task 2 threw\. Catch the error in the worker/);
  });

  it('fails a close() that does not wait for the threads to exit', { timeout: SLOW }, async () => {
    expectAllFail(await gradeTimes(id, variant('close-no-wait'), FEW), FEW, /^close\(\) resolved while 3 of the pool's 3 threads were still running/);
  });

  it('fails a close() that drops submitted tasks', { timeout: SLOW }, async () => {
    expectAllFail(await gradeTimes(id, variant('close-drops-tasks'), FEW), FEW, /close\(\) must let the tasks already submitted run/);
  });
});

describe('pools/ordering', () => {
  const id = 'pools/ordering';
  const variant = (name: string): string => solutionFile(`09-pools/ordering/${name}.ts`);

  it('fails the starter every time: map in finishing order (and asCompleted in input order)', { timeout: SLOW }, async () => {
    const results = await gradeTimes(id, 'starter.ts', RUNS);
    expectAllFail(results, RUNS, /^mapInOrder resolved with \[ 30, 20, 10, 0 \]: the results in the order the tasks finished/);
    for (const result of results) {
      expect(result.cases[2]?.message).toMatch(/^asCompleted yielded the outcomes in input order \(0, 1, 2, 3\)/);
    }
  });

  it('passes the solution every time', { timeout: SLOW }, async () => {
    expectAllPass(await gradeTimes(id, 'solution.ts', RUNS), RUNS);
  });

  it('passes an alternative: results written by index, asCompleted by Promise.race', { timeout: SLOW }, async () => {
    expectAllPass(await gradeTimes(id, variant('race'), 5), 5);
  });

  it('fails a mapInOrder that awaits each task before the next every time', { timeout: SLOW }, async () => {
    expectAllFail(await gradeTimes(id, variant('sequential-map'), RUNS), RUNS, /^mapInOrder ran the tasks one after another \(at most 1 at a time\)/);
  });

  it('fails an asCompleted that waits for every task before yielding', { timeout: SLOW }, async () => {
    expectAllFail(await gradeTimes(id, variant('batch'), FEW), FEW, /but only after holding back the first task to finish until others had finished too/);
  });

  it('fails an asCompleted that keeps racing a promise it already yielded', { timeout: SLOW }, async () => {
    expectAllFail(await gradeTimes(id, variant('race-keeps-winner'), FEW), FEW, /^asCompleted yielded \[ 3, 3, 3, 3 \]: some task more than once/);
  });
});

describe('pools/cancel', () => {
  const id = 'pools/cancel';
  const variant = (name: string): string => solutionFile(`09-pools/cancel/${name}.ts`);

  it('fails the starter every time: cancel() never cancels', { timeout: SLOW }, async () => {
    expectAllFail(
      await gradeTimes(id, 'starter.ts', RUNS),
      RUNS,
      /^cancel\(\) on task 3, which was still waiting for a free worker, returned false/,
    );
  });

  it('passes the solution every time', { timeout: SLOW }, async () => {
    expectAllPass(await gradeTimes(id, 'solution.ts', RUNS), RUNS);
  });

  it('passes an alternative: cancelled jobs skipped by the dispatcher', { timeout: SLOW }, async () => {
    expectAllPass(await gradeTimes(id, variant('lazy-skip'), 5), 5);
  });

  it('fails cancelling a running task', { timeout: SLOW }, async () => {
    expectAllFail(await gradeTimes(id, variant('cancels-running'), FEW), FEW, /^cancel\(\) on task 0, which is running, returned true/);
  });

  it('fails a cancelled task that still runs', { timeout: SLOW }, async () => {
    expectAllFail(await gradeTimes(id, variant('still-runs'), FEW), FEW, /^task 3 was cancelled, yet it ran/);
  });

  it('fails shutdown({ cancelPending: true }) that runs the queue anyway', { timeout: SLOW }, async () => {
    expectAllFail(await gradeTimes(id, variant('shutdown-keeps-queue'), FEW), FEW, /^shutdown\(\{ cancelPending: true \}\) left task 1, which was still waiting, uncancelled/);
  });

  it('fails an executor that starts every task at once', { timeout: SLOW }, async () => {
    expectAllFail(await gradeTimes(id, variant('unbounded'), FEW), FEW, /^Executor\(2\) started 5 of 5 tasks at once/);
  });
});
