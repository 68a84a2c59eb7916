/**
 * Lesson 06 (locks): every verdict is deterministic. The starters and the racy wrong
 * answers fail 20 times out of 20 for the reason the lesson teaches, with a message that
 * names the mistake; the solutions pass 20 times out of 20; alternatives are graded too.
 */
import { describe, expect, it } from 'vitest';
import type { GradeResult } from '../../src/grader/protocol.ts';
import { gradeTimes, solutionFile } from '../helpers/grading.ts';

const RUNS = 20;
const FEW = 4;
const SLOW = 400_000;

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

describe('locks/futex-mutex', () => {
  const id = 'locks/futex-mutex';
  const variant = (name: string): string => solutionFile(`06-locks/futex-mutex/${name}.ts`);

  it('fails the starter every time: lock() lets a second thread in', { timeout: SLOW }, async () => {
    // Usually the 4-worker hammer shows the overlap; when the busy machine happens not to run two workers at once,
    // the next case (the check holds the mutex while a worker locks) always does.
    expectAllFail(
      await gradeTimes(id, 'starter.ts', RUNS),
      RUNS,
      /\d threads were between lock\(\) and unlock\(\) at the same time.*increments were lost|lock\(\) returned at once although the check held the mutex/,
    );
  });

  it('passes the solution every time', { timeout: SLOW }, async () => {
    expectAllPass(await gradeTimes(id, 'solution.ts', RUNS), RUNS);
  });

  it('fails a lock that checks "free?" and then stores, every time', { timeout: SLOW }, async () => {
    expectAllFail(await gradeTimes(id, variant('check-then-set'), RUNS), RUNS, /at the same time.*Atomics\.compareExchange/);
  });

  it('passes the alternatives: two states, spin-then-sleep, test-and-test-and-set', { timeout: SLOW }, async () => {
    expectAllPass(await gradeTimes(id, variant('two-state'), FEW), FEW);
    expectAllPass(await gradeTimes(id, variant('spin-then-sleep'), FEW), FEW);
    expectAllPass(await gradeTimes(id, variant('test-and-test-and-set'), FEW), FEW);
  });

  it('fails an unlock() that never notifies, naming the missing wake-up', { timeout: SLOW }, async () => {
    expectAllFail(await gradeTimes(id, variant('no-notify'), FEW), FEW, /got stuck.*never woken: unlock\(\) must call Atomics\.notify/);
  });

  it('fails a spin lock: the waiter never sleeps', { timeout: SLOW }, async () => {
    expectAllFail(await gradeTimes(id, variant('spin'), FEW), FEW, /never slept in Atomics\.wait.*spins/);
  });

  it('fails a lock() that sleeps once and does not try again', { timeout: SLOW }, async () => {
    expectAllFail(await gradeTimes(id, variant('wait-once'), FEW), FEW, /at the same time|after a wake-up that was not an unlock\(\)/);
  });
});

describe('locks/bank-transfer', () => {
  const id = 'locks/bank-transfer';
  const variant = (name: string): string => solutionFile(`06-locks/bank-transfer/${name}.ts`);

  it('fails the starter every time: two tellers both take the same money', { timeout: SLOW }, async () => {
    expectAllFail(await gradeTimes(id, 'starter.ts', RUNS), RUNS, /two tellers each moved 100 out of account 0, which held 100, and it ended at -100/);
  });

  it('passes the solution every time', { timeout: SLOW }, async () => {
    expectAllPass(await gradeTimes(id, 'solution.ts', RUNS), RUNS);
  });

  it('fails a new Mutex per call every time', { timeout: SLOW }, async () => {
    expectAllFail(await gradeTimes(id, variant('lock-per-call'), RUNS), RUNS, /ended at -100: both checked the balance before either took the money/);
  });

  it('fails the audit inside the lock, naming the long critical section', { timeout: SLOW }, async () => {
    expectAllFail(await gradeTimes(id, variant('audit-inside'), FEW), FEW, /audits never overlapped.*run it before you lock/);
  });

  it('fails per-account locks taken in transfer order, naming the deadlock', { timeout: SLOW }, async () => {
    expectAllFail(await gradeTimes(id, variant('unordered-account-locks'), FEW), FEW, /stuck waiting for locks.*deadlock.*fixed order/);
  });

  it('passes the alternatives: a `using` guard, ordered per-account locks, compareExchange', { timeout: SLOW }, async () => {
    expectAllPass(await gradeTimes(id, variant('using-guard'), FEW), FEW);
    expectAllPass(await gradeTimes(id, variant('ordered-account-locks'), FEW), FEW);
    expectAllPass(await gradeTimes(id, variant('compare-exchange'), FEW), FEW);
  });
});

describe('locks/reentrant-lock', () => {
  const id = 'locks/reentrant-lock';
  const variant = (name: string): string => solutionFile(`06-locks/reentrant-lock/${name}.ts`);
  const COUNT_LEVELS = /lets its owner lock it again and counts the levels/;

  it('fails the starter every time: the plain Mutex refuses its owner', { timeout: SLOW }, async () => {
    expectAllFail(
      await gradeTimes(id, 'starter.ts', RUNS),
      RUNS,
      new RegExp(`^inventory\\.restockAll\\(\\) on one thread threw "lock\\(\\).*restockAll\\(\\) holds the lock and calls add\\(\\), which locks it again.*${COUNT_LEVELS.source}`),
    );
  });

  it('passes the solution every time', { timeout: SLOW }, async () => {
    expectAllPass(await gradeTimes(id, 'solution.ts', RUNS), RUNS);
  });

  it('fails re-entering whenever the lock is held, by anybody, every time', { timeout: SLOW }, async () => {
    expectAllFail(
      await gradeTimes(id, variant('locked-not-owner'), RUNS),
      RUNS,
      /^thread B's tryLock\(\) returned true while thread A held the lock: .*Compare the Mutex's owner with this thread's id/,
    );
  });

  it('fails a flag instead of a count: the first unlock() frees the lock', { timeout: SLOW }, async () => {
    expectAllFail(await gradeTimes(id, variant('flag-not-count'), FEW), FEW, COUNT_LEVELS);
  });

  it('fails an unlock() that counts down before checking the owner', { timeout: SLOW }, async () => {
    expectAllFail(await gradeTimes(id, variant('count-before-owner-check'), FEW), FEW, /^thread B's unlock\(\) returned normally while thread A held the lock/);
  });

  it('fails a lock() that waits for itself, naming it instead of timing out', { timeout: SLOW }, async () => {
    expectAllFail(await gradeTimes(id, variant('spin-on-trylock'), FEW), FEW, /^inventory\.restockAll\(\) on one thread never returned \(2 s\): .*it waits for itself forever/);
  });

  it('passes the alternatives: an owner cell of its own, and a count kept by the owning thread', { timeout: SLOW }, async () => {
    expectAllPass(await gradeTimes(id, variant('owner-cell'), FEW), FEW);
    expectAllPass(await gradeTimes(id, variant('local-count'), FEW), FEW);
  });
});
