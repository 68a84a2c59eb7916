/**
 * Lesson 07 (signalling): every verdict is deterministic. The starters and the common
 * wrong answers fail every time for the reason the lesson teaches, with a message that
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

describe('signalling/bounded-downloads', () => {
  const id = 'signalling/bounded-downloads';
  const variant = (name: string): string => solutionFile(`07-signalling/bounded-downloads/${name}.ts`);

  it('fails the starter every time: more connections than the server allows', { timeout: SLOW }, async () => {
    expectAllFail(await gradeTimes(id, 'starter.ts', RUNS), RUNS, /^[3-5] downloads were connected at the same time, but the server allows 2/);
  });

  it('passes the solution every time', { timeout: SLOW }, async () => {
    expectAllPass(await gradeTimes(id, 'solution.ts', RUNS), RUNS);
  });

  it('fails a Semaphore made in each worker, naming the unshared permits', { timeout: SLOW }, async () => {
    expectAllFail(await gradeTimes(id, variant('semaphore-per-worker'), FEW), FEW, /connected at the same time.*a Semaphore made in each worker/);
  });

  it('fails a Semaphore(1) and one-by-one workers: the permits go unused', { timeout: SLOW }, async () => {
    expectAllFail(await gradeTimes(id, variant('semaphore-of-one'), FEW), FEW, /never more than 1 download ran at a time although the server allows 2/);
    expectAllFail(await gradeTimes(id, variant('one-by-one'), FEW), FEW, /never more than 1 download ran at a time/);
  });

  it('passes the alternatives: a pool of `limit` workers, and permits taken with acquireAsync', { timeout: SLOW }, async () => {
    expectAllPass(await gradeTimes(id, variant('pool-of-limit'), FEW), FEW);
    expectAllPass(await gradeTimes(id, variant('async-gate'), FEW), FEW);
  });
});

describe('signalling/start-gate', () => {
  const id = 'signalling/start-gate';
  const variant = (name: string): string => solutionFile(`07-signalling/start-gate/${name}.ts`);

  it('fails the starter every time: runners leave before the gun', { timeout: SLOW }, async () => {
    expectAllFail(await gradeTimes(id, 'starter.ts', RUNS), RUNS, /^3 of 3 runners started while the gun had not fired/);
  });

  it('passes the solution every time', { timeout: SLOW }, async () => {
    expectAllPass(await gradeTimes(id, 'solution.ts', RUNS), RUNS);
  });

  it('fails a wait() whose timeout is ignored', { timeout: SLOW }, async () => {
    expectAllFail(await gradeTimes(id, variant('wait-timeout-ignored'), FEW), FEW, /started while the gun had not fired.*without a timeout/);
  });

  it('fails an Event made in each runner: nobody ever sets it', { timeout: SLOW }, async () => {
    expectAllFail(await gradeTimes(id, variant('gun-per-runner'), FEW), FEW, /after start\(\), 0 of 3 runners had started.*one Event per race/);
  });

  it('fails one Event for every race: the second race starts on its own', { timeout: SLOW }, async () => {
    expectAllFail(await gradeTimes(id, variant('module-level-gun'), FEW), FEW, /before their gun fired \(was it left set by the previous race\?/);
  });

  it('passes the alternatives: a Barrier, and a bare Atomics flag', { timeout: SLOW }, async () => {
    expectAllPass(await gradeTimes(id, variant('barrier'), FEW), FEW);
    expectAllPass(await gradeTimes(id, variant('atomics-flag'), FEW), FEW);
  });
});

describe('signalling/mailbox', () => {
  const id = 'signalling/mailbox';
  const variant = (name: string): string => solutionFile(`07-signalling/mailbox/${name}.ts`);

  it('fails the starter every time: receivers take from an empty mailbox', { timeout: SLOW }, async () => {
    expectAllFail(await gradeTimes(id, 'starter.ts', RUNS), RUNS, /values nobody sent.*receive\(\) took a letter from an empty mailbox/);
  });

  it('passes the solution every time', { timeout: SLOW }, async () => {
    expectAllPass(await gradeTimes(id, 'solution.ts', RUNS), RUNS);
  });

  it('fails `if` instead of `while` every time (the runtime wakes waiters spuriously on purpose)', { timeout: SLOW }, async () => {
    expectAllFail(await gradeTimes(id, variant('if-instead-of-while'), RUNS), RUNS, /empty mailbox|full mailbox/);
  });

  it('fails waiting without notifying, naming the missing notify', { timeout: SLOW }, async () => {
    expectAllFail(await gradeTimes(id, variant('no-notify'), FEW), FEW, /no letter moved for 3 s.*nobody notifies/);
  });

  it('passes the alternatives: one Condition with notifyAll, waitFor, and the runtime SharedQueue', { timeout: SLOW }, async () => {
    expectAllPass(await gradeTimes(id, variant('one-condition-notify-all'), FEW), FEW);
    expectAllPass(await gradeTimes(id, variant('wait-for'), FEW), FEW);
    expectAllPass(await gradeTimes(id, variant('shared-queue'), FEW), FEW);
  });
});

describe('signalling/phase-barrier', () => {
  const id = 'signalling/phase-barrier';
  const variant = (name: string): string => solutionFile(`07-signalling/phase-barrier/${name}.ts`);
  const NOT_REUSABLE = /^worker \d started step 3 while worker 2 was still in step 2 \(the check held it there\): .*The barrier held the first round, so it is not reusable\. .*generation/;

  it('fails the starter every time: a worker starts step 2 before the others finished step 1', { timeout: SLOW }, async () => {
    expectAllFail(
      await gradeTimes(id, 'starter.ts', RUNS),
      RUNS,
      /^worker \d started step 2 while worker 1 was still in step 1 \(the check held it there\): wait\(\) let it go before all 3 parties had arrived\. wait\(\) must block/,
    );
  });

  it('passes the solution every time', { timeout: SLOW }, async () => {
    expectAllPass(await gradeTimes(id, 'solution.ts', RUNS), RUNS);
  });

  it('fails a barrier that never resets its count every time: it is not reusable', { timeout: SLOW }, async () => {
    expectAllFail(await gradeTimes(id, variant('count-never-reset'), RUNS), RUNS, NOT_REUSABLE);
  });

  it('fails waiters that watch the count instead of a generation, naming the missed round', { timeout: SLOW }, async () => {
    expectAllFail(
      await gradeTimes(id, variant('reset-then-wait-on-count'), FEW),
      FEW,
      /^nothing moved for 2 s: workers 0 and 2 still wait in wait\(\) after step 1, which 3 of 3 workers reached, while worker 1 waits after step 2\. Everybody arrived, yet the waiters never noticed that their round was over/,
    );
  });

  it('fails `if` instead of `while` (the runtime wakes waiters spuriously on purpose)', { timeout: SLOW }, async () => {
    expectAllFail(await gradeTimes(id, variant('if-not-while'), FEW), FEW, NOT_REUSABLE);
  });

  it('fails wrong arrival indices', { timeout: SLOW }, async () => {
    expectAllFail(await gradeTimes(id, variant('index-after-reset'), FEW), FEW, /^in round \d, wait\(\) returned .* each thread must get a different number from 0 to 2/);
  });

  it('passes the alternatives: Atomics on a generation cell, and the runtime Barrier', { timeout: SLOW }, async () => {
    expectAllPass(await gradeTimes(id, variant('atomics-generation'), FEW), FEW);
    expectAllPass(await gradeTimes(id, variant('runtime-barrier'), FEW), FEW);
  });
});
