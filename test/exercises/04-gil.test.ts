/**
 * Lesson 04 (gil): every verdict is deterministic. The starters and the common wrong
 * answers fail 20 times out of 20 for the reason the lesson teaches; the solutions and
 * an alternative correct answer pass 20 times out of 20.
 */
import { describe, expect, it } from 'vitest';
import type { GradeResult } from '../../src/grader/protocol.ts';
import { grade, gradeTimes, solutionFile } from '../helpers/grading.ts';

const RUNS = 20;
const SLOW = 180_000;

/** The message of the first failed case, or the summary when no case failed. */
function failureOf(result: GradeResult): string {
  return result.cases.find((c) => c.status === 'fail')?.message ?? result.summary;
}

function expectAllPass(results: readonly GradeResult[]): void {
  const failures = results.filter((r) => !r.passed).map(failureOf);
  expect(failures).toEqual([]);
  expect(results).toHaveLength(RUNS);
}

function expectAllFail(results: readonly GradeResult[], message: RegExp, kind = 'wrong-result'): void {
  expect(results).toHaveLength(RUNS);
  for (const result of results) {
    expect(result.passed, result.summary).toBe(false);
    expect(result.kind).toBe(kind);
    expect(failureOf(result)).toMatch(message);
  }
}

describe('gil/parallel-primes', () => {
  const id = 'gil/parallel-primes';

  it('fails the starter every time: Promise.all keeps both chunks on the calling thread', { timeout: SLOW }, async () => {
    expectAllFail(await gradeTimes(id, 'starter.ts', RUNS), /all 2 chunks ran on the calling thread .*Promise\.all over CPU work gives no parallelism/);
  });

  it('passes the solution every time', { timeout: SLOW }, async () => {
    expectAllPass(await gradeTimes(id, 'solution.ts', RUNS));
  });

  it('passes an alternative: a pool of two long-lived workers over four uneven chunks', { timeout: SLOW }, async () => {
    expectAllPass(await gradeTimes(id, solutionFile('04-gil/parallel-primes/pool-of-two.ts'), RUNS));
  });

  it('fails workers that are awaited one by one, naming the missing overlap', { timeout: SLOW }, async () => {
    expectAllFail(
      await gradeTimes(id, solutionFile('04-gil/parallel-primes/sequential-workers.ts'), RUNS),
      /ran on 2 worker threads, but one after another, never at the same time.*started \d+ ms after/,
    );
  });
});

describe('gil/responsive-loop', () => {
  const id = 'gil/responsive-loop';

  it('fails the starter every time with an event-loop stall', { timeout: SLOW }, async () => {
    expectAllFail(
      await gradeTimes(id, 'starter.ts', RUNS),
      /^the event loop was blocked for \d+ ms while it should have been serving I\/O: a timer due every 10 ms waited that long, \d+% of the \d+ ms that countPrimesInBackground\(4000000\) took/,
      'event-loop-stall',
    );
  });

  it('passes the solution every time', { timeout: SLOW }, async () => {
    expectAllPass(await gradeTimes(id, 'solution.ts', RUNS));
  });

  it('passes an alternative: counting in slices on the calling thread, yielding with setImmediate', { timeout: SLOW }, async () => {
    expectAllPass(await gradeTimes(id, solutionFile('04-gil/responsive-loop/sliced.ts'), RUNS));
  });

  it('fails waiting for a timer before counting, as an event-loop stall', { timeout: SLOW }, async () => {
    expectAllFail(await gradeTimes(id, solutionFile('04-gil/responsive-loop/timer-first.ts'), RUNS), /^the event loop was blocked for \d+ ms/, 'event-loop-stall');
  });

  it('reports the stall with its size, far above the 200 ms limit', { timeout: SLOW }, async () => {
    const result = await grade(id, 'starter.ts');
    const waited = Number(/blocked for (\d+) ms/.exec(failureOf(result))?.[1]);
    expect(waited).toBeGreaterThan(400);
  });
});
