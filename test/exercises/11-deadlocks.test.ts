/**
 * Lesson 11 (deadlocks): every verdict is deterministic. The exercises line the threads up
 * on their first lock, so a lock order that can deadlock does so on every run, and the
 * checks find the wait-for cycle themselves instead of hanging until the grader's timeout.
 * Starters fail 20 times out of 20 naming the cycle; solutions pass 20 times out of 20;
 * an alternative correct answer passes and common wrong answers fail, naming the mistake.
 */
import { describe, expect, it } from 'vitest';
import type { GradeResult } from '../../src/grader/protocol.ts';
import { grade, gradeTimes, solutionFile } from '../helpers/grading.ts';

const RUNS = 20;
const SLOW = 240_000;

/** The message of the first failed case, or the summary when no case failed. */
function failureOf(result: GradeResult): string {
  return result.cases.find((c) => c.status === 'fail')?.message ?? result.summary;
}

function expectPass(results: readonly GradeResult[], runs: number): void {
  expect(results.filter((r) => !r.passed).map(failureOf)).toEqual([]);
  expect(results).toHaveLength(runs);
}

function expectFail(results: readonly GradeResult[], runs: number, message: RegExp): void {
  expect(results).toHaveLength(runs);
  for (const result of results) {
    expect(result.passed, result.summary).toBe(false);
    expect(result.kind).toBe('wrong-result');
    expect(failureOf(result)).toMatch(message);
  }
}

const TWO_TELLER_CYCLE =
  'deadlock, a wait-for cycle: teller 0 holds account 0 and waits for account 1, which teller 1 holds; ' +
  'teller 1 holds account 1 and waits for account 0, which teller 0 holds.';

describe('deadlocks/transfers', () => {
  const id = 'deadlocks/transfers';
  const file = (name: string): string => solutionFile(`11-deadlocks/transfers/${name}.ts`);

  it('fails the starter every time, naming the two-lock cycle and the opposite orders', { timeout: SLOW }, async () => {
    const results = await gradeTimes(id, 'starter.ts', RUNS);
    expectFail(results, RUNS, /^deadlock, a wait-for cycle: .* The locks were taken in opposite orders \(.*\)\. Take both locks in one global order/);
    for (const result of results) {
      expect(failureOf(result).startsWith(TWO_TELLER_CYCLE)).toBe(true);
      // The ring of four in the second case deadlocks too, every time.
      expect(result.cases[1]?.message).toMatch(/^deadlock, a wait-for cycle: (teller \d holds account \d and waits for account \d, which teller \d holds(; |\.)){4} The locks were taken in orders that go round a ring/);
    }
  });

  it('passes the solution every time', { timeout: SLOW }, async () => {
    expectPass(await gradeTimes(id, 'solution.ts', RUNS), RUNS);
  });

  it('passes an alternative: tryLock with a short timeout and a random back-off', { timeout: SLOW }, async () => {
    expectPass(await gradeTimes(id, file('backoff'), 4), 4);
  });

  it('fails locking the destination first: still opposite orders', { timeout: SLOW }, async () => {
    expectFail(await gradeTimes(id, file('to-first'), 2), 2, /^deadlock, a wait-for cycle: .* The locks were taken in opposite orders \(teller 0 took account 1 before account 0, teller 1 took account 0 before account 1\)/);
  });

  it('fails a timeout that keeps the first lock while retrying', { timeout: SLOW }, async () => {
    expectFail(await gradeTimes(id, file('hold-and-retry'), 2), 2, /^deadlock, a wait-for cycle: .* The tellers keep the lock they hold while they retry the other one with tryLock\(\)/);
  });
});

describe('deadlocks/philosophers', () => {
  const id = 'deadlocks/philosophers';
  const file = (name: string): string => solutionFile(`11-deadlocks/philosophers/${name}.ts`);
  const RING = /^deadlock, a wait-for cycle round the whole table \(all 5 philosophers\): (philosopher \d holds fork \d and waits for fork \d, which philosopher \d holds(; |\.)){5} /;

  it('fails the starter every time, naming the ring of five', { timeout: SLOW }, async () => {
    const results = await gradeTimes(id, 'starter.ts', RUNS);
    expectFail(results, RUNS, RING);
    for (const result of results) {
      expect(failureOf(result)).toMatch(/philosopher 0 holds fork 0 and waits for fork 1, which philosopher 1 holds/);
      expect(failureOf(result)).toMatch(/Every philosopher reached for the same side first/);
    }
  });

  it('passes the solution (timeout and random back-off) every time', { timeout: SLOW }, async () => {
    expectPass(await gradeTimes(id, 'solution.ts', RUNS), RUNS);
  });

  it('passes an alternative: the lower-numbered fork first', { timeout: SLOW }, async () => {
    expectPass(await gradeTimes(id, file('lower-fork-first'), 4), 4);
  });

  it('fails everyone taking the right fork first: the same ring the other way', { timeout: SLOW }, async () => {
    const results = await gradeTimes(id, file('right-first'), 2);
    expectFail(results, 2, RING);
    for (const result of results) expect(failureOf(result)).toMatch(/philosopher 0 holds fork 1 and waits for fork 0, which philosopher 4 holds/);
  });

  it('fails a timeout that keeps the left fork while retrying the right one', { timeout: SLOW }, async () => {
    const [result] = [await grade(id, file('hold-and-retry'))];
    expectFail([result!], 1, /They keep the fork they hold while they retry the other one with tryPickUp\(\), so nobody ever lets go/);
  });
});
