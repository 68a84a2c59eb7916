/**
 * Lesson 01 (processes): every verdict is deterministic. The starters fail the same way
 * every time, the solutions pass every time, and alternative right answers and common
 * wrong answers (under test/solutions/01-processes/) get the verdict and message they should.
 */
import { describe, expect, it } from 'vitest';
import type { GradeResult } from '../../src/grader/protocol.ts';
import { grade, gradeTimes, solutionFile } from '../helpers/grading.ts';

const SLOW = 300_000;

/** The messages of the failed cases, by case name. */
function failures(result: GradeResult): Record<string, string> {
  return Object.fromEntries(result.cases.filter((c) => c.status === 'fail').map((c) => [c.name, c.message ?? '']));
}

function expectAllPass(results: readonly GradeResult[]): void {
  for (const result of results) expect(result, JSON.stringify(failures(result))).toMatchObject({ passed: true });
}

function expectAllFail(results: readonly GradeResult[], expected: Record<string, RegExp>): void {
  for (const result of results) {
    expect(result.passed).toBe(false);
    expect(result.kind).toBe('wrong-result');
    const failed = failures(result);
    expect(Object.keys(failed).sort()).toEqual(Object.keys(expected).sort());
    for (const [name, pattern] of Object.entries(expected)) expect(failed[name]).toMatch(pattern);
  }
}

describe('processes/copies', () => {
  const id = 'processes/copies';
  const zeros = /came back all zeros: the worker filled its own copy of the array\. workerData is cloned/;

  it('the starter fails 5 times out of 5: the worker filled a copy', async () => {
    expectAllFail(await gradeTimes(id, 'starter.ts', 5), {
      'squares come back from the worker': zeros,
      'a longer list keeps its order': zeros,
    });
  }, SLOW);

  it('the solution passes 5 times out of 5', async () => {
    expectAllPass(await gradeTimes(id, 'solution.ts', 5));
  }, SLOW);

  it('accepts squares returned through a SharedArrayBuffer', async () => {
    expectAllPass([await grade(id, solutionFile('01-processes/copies/shared-buffer.ts'))]);
  }, SLOW);

  it('rejects squaring on the calling thread, saying no worker was started', async () => {
    const noWorker = /started no worker thread: the squaring must happen in a worker/;
    expectAllFail([await grade(id, solutionFile('01-processes/copies/main-thread.ts'))], {
      'squares come back from the worker': noWorker,
      'a longer list keeps its order': noWorker,
      'an empty list gives an empty list': noWorker,
    });
  }, SLOW);
});

describe('processes/progress', () => {
  const id = 'processes/progress';

  it('the starter fails 20 times out of 20: progress travels by message', async () => {
    expectAllFail(await gradeTimes(id, 'starter.ts', 20), {
      'progress() moves while the caller is busy': /stayed at 0 for 3 s while this thread was busy, then read 150 .*the count travels by message/,
    });
  }, SLOW);

  it('the solution passes 20 times out of 20', async () => {
    expectAllPass(await gradeTimes(id, 'solution.ts', 20));
  }, SLOW);

  it('accepts messages drained synchronously with receiveMessageOnPort', async () => {
    expectAllPass(await gradeTimes(id, solutionFile('01-processes/progress/receive-sync.ts'), 3));
  }, SLOW);

  it('rejects a counter on an ordinary ArrayBuffer, saying the worker counted in a copy', async () => {
    expectAllFail([await grade(id, solutionFile('01-processes/progress/copied-counter.ts'))], {
      'progress() moves while the caller is busy': /never moved, not even after the worker had finished: the worker counted in its own copy/,
      'finished resolves with the full count': /countInWorker\(40\)\.finished: expected 40, got 0/,
      'each job has a counter of its own': /progress\(\) of a second job, countInWorker\(60\): expected 60, got 0/,
    });
  }, SLOW);

  it('rejects one counter shared by every job', async () => {
    expectAllFail(await gradeTimes(id, solutionFile('01-processes/progress/global-counter.ts'), 3), {
      'each job has a counter of its own': /the first job, countInWorker\(30\), read 60 after a second job counted to 60: both jobs share one counter/,
    });
  }, SLOW);
});
