/**
 * Lesson 08 (queues): every verdict is deterministic. The starters and the common wrong
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
const SLOW = 300_000;

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

describe('queues/pipeline', () => {
  const id = 'queues/pipeline';
  const variant = (name: string): string => solutionFile(`08-queues/pipeline/${name}.ts`);

  it('fails the starter every time: no join, and consumers that never stop', { timeout: SLOW }, async () => {
    expectAllFail(
      await gradeTimes(id, 'starter.ts', RUNS),
      RUNS,
      /^squareAll\(40 items, 3 consumers\) resolved while 3 of 3 consumer threads were still running \(it had \d+ of 40 squares\): .*'exit' event \(the join\).* 2 s later 3 were still blocked in get\(\): each consumer also needs a sentinel/,
    );
  });

  it('passes the solution every time', { timeout: SLOW }, async () => {
    expectAllPass(await gradeTimes(id, 'solution.ts', RUNS), RUNS);
  });

  it('passes an alternative: taskDone() and queue.join(), squares sent in one batch per consumer', { timeout: SLOW }, async () => {
    expectAllPass(await gradeTimes(id, variant('task-done-join'), 5), 5);
  });

  it('fails forgotten sentinels every time, naming them', { timeout: SLOW }, async () => {
    expectAllFail(
      await gradeTimes(id, variant('no-sentinels'), RUNS),
      RUNS,
      /had not resolved after 10 s, and 3 of 3 consumer threads were still running: a consumer blocked in get\(\) waits forever unless it takes a sentinel/,
    );
  });

  it('fails a forgotten join every time, naming it', { timeout: SLOW }, async () => {
    expectAllFail(
      await gradeTimes(id, variant('no-join'), RUNS),
      RUNS,
      /resolved while [1-3] of 3 consumer threads were still running \(it had \d+ of 40 squares\): it returned before the consumers finished\. Wait for every consumer's 'exit' event \(the join\)/,
    );
  });

  it('fails one sentinel for three consumers', { timeout: SLOW }, async () => {
    expectAllFail(await gradeTimes(id, variant('one-sentinel'), FEW), FEW, /had not resolved after 10 s, and 2 of 3 consumer threads were still running: .*sentinel/);
  });

  it('fails waiting for the squares but not for the threads to exit', { timeout: SLOW }, async () => {
    expectAllFail(await gradeTimes(id, variant('results-not-exit'), FEW), FEW, /resolved while [1-3] of 3 consumer threads were still running: .*\(the join\)/);
  });

  it('fails stopping the consumers with terminate()', { timeout: SLOW }, async () => {
    expectAllFail(await gradeTimes(id, variant('terminate'), FEW), FEW, /stopped its consumers with terminate\(\).*sentinel/);
  });

  it('fails a consumer that squares the sentinel', { timeout: SLOW }, async () => {
    expectAllFail(await gradeTimes(id, variant('sentinel-processed'), FEW), FEW, /3 extra squares are 1, the square of STOP \(-1\): a consumer processed the sentinel/);
  });
});

describe('queues/bounded-queue', () => {
  const id = 'queues/bounded-queue';
  const variant = (name: string): string => solutionFile(`08-queues/bounded-queue/${name}.ts`);

  it('fails the starter every time: put() does not wait on a full queue', { timeout: SLOW }, async () => {
    expectAllFail(
      await gradeTimes(id, 'starter.ts', RUNS),
      RUNS,
      /^put\('c'\) on a full queue \(2 items, capacity 2\) resolved at once.*put\(\) must wait while the queue is full/,
    );
  });

  it('passes the solution every time', { timeout: SLOW }, async () => {
    expectAllPass(await gradeTimes(id, 'solution.ts', RUNS), RUNS);
  });

  it('passes an alternative: condition-style waiters that re-check in a loop', { timeout: SLOW }, async () => {
    expectAllPass(await gradeTimes(id, variant('conditions'), 5), 5);
  });

  it('fails a get() that never wakes a waiting put() every time, naming the lost wake-up', { timeout: SLOW }, async () => {
    expectAllFail(
      await gradeTimes(id, variant('never-wakes-putter'), RUNS),
      RUNS,
      /the waiting put\('c'\) never resolved: taking an item must let the oldest waiting put\(\) go ahead/,
    );
  });

  it('fails a queue that holds one item too many', { timeout: SLOW }, async () => {
    expectAllFail(await gradeTimes(id, variant('off-by-one'), FEW), FEW, /resolved at once, and the queue now holds 3 items/);
  });

  it('fails a get() that releases every waiting put()', { timeout: SLOW }, async () => {
    expectAllFail(await gradeTimes(id, variant('wakes-every-putter'), FEW), FEW, /yet both waiting put\(\) calls resolved/);
  });

  it('fails serving the newest waiting get() first', { timeout: SLOW }, async () => {
    expectAllFail(await gradeTimes(id, variant('newest-getter-first'), FEW), FEW, /which waiting get\(\) received which item/);
  });
});

describe('queues/priority-queue', () => {
  const id = 'queues/priority-queue';
  const variant = (name: string): string => solutionFile(`08-queues/priority-queue/${name}.ts`);

  it('fails the starter every time: get() ignores the priorities', { timeout: SLOW }, async () => {
    expectAllFail(
      await gradeTimes(id, 'starter.ts', RUNS),
      RUNS,
      /^get\(\) returned job 20 \(priority 2\) while job 21 \(priority 0\) was waiting: a priority queue hands out the smallest priority number first\.$/,
    );
  });

  it('passes the solution every time', { timeout: SLOW }, async () => {
    expectAllPass(await gradeTimes(id, 'solution.ts', RUNS), RUNS);
  });

  it('fails an arrival counter in each thread every time, naming the shared counter', { timeout: SLOW }, async () => {
    expectAllFail(
      await gradeTimes(id, variant('arrival-per-thread'), RUNS),
      RUNS,
      /^get\(\) returned job \d+ \(put by thread B\) while job \d+ \(put by thread A\), of the same priority \d, had been put before it: .*one counter that every thread shares/,
    );
  });

  it('fails equal priorities without arrival numbers, naming the moved slots', { timeout: SLOW }, async () => {
    expectAllFail(
      await gradeTimes(id, variant('no-arrival-number'), FEW),
      FEW,
      /^get\(\) returned job 24 while job 23, of the same priority 1, had been put before it: .*The slots do not keep arrival order/,
    );
  });

  it('fails the largest priority number first', { timeout: SLOW }, async () => {
    expectAllFail(await gradeTimes(id, variant('largest-first'), FEW), FEW, /smallest priority number first/);
  });

  it('passes the alternatives: a binary heap, and LIFO by the last slot', { timeout: SLOW }, async () => {
    expectAllPass(await gradeTimes(id, variant('heap'), FEW), FEW);
    expectAllPass(await gradeTimes(id, variant('lifo-last-slot'), FEW), FEW);
  });
});
