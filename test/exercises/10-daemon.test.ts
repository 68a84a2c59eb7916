/**
 * Lesson 10 (daemon): every verdict is deterministic. The starters fail 20 times out of 20
 * for the reason the lesson teaches and the solutions pass 20 times out of 20; alternative
 * correct answers pass and common wrong answers fail with a message naming the mistake.
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

describe('daemon/monitor', () => {
  const id = 'daemon/monitor';
  const file = (name: string): string => solutionFile(`10-daemon/monitor/${name}.ts`);

  it('fails the starter every time: the monitor would keep the program alive (a leaked worker)', { timeout: SLOW }, async () => {
    const results = await gradeTimes(id, 'starter.ts', RUNS);
    for (const result of results) {
      expect(result.passed).toBe(false);
      expect(result.kind).toBe('leaked-worker');
      expect(result.cases.map((c) => c.status)).toEqual(['pass']);
      expect(result.summary).toMatch(/1 worker thread your code started was still running afterwards: .*unref\(\) it if it is meant to be a daemon/);
    }
    expect(results).toHaveLength(RUNS);
  });

  it('passes the solution every time', { timeout: SLOW }, async () => {
    expectPass(await gradeTimes(id, 'solution.ts', RUNS), RUNS);
  });

  it('passes an alternative: unref() once the worker is online, Atomics.wait between samples', { timeout: SLOW }, async () => {
    expectPass(await gradeTimes(id, file('unref-on-online'), 4), 4);
  });

  it('fails unref()ing the timer inside the worker: the worker ends at once', { timeout: SLOW }, async () => {
    expectFail(await gradeTimes(id, file('timer-unref'), 4), 4, /^the monitor's worker ended by itself \(exit code 0\) after 0 samples: .*unref\(\) the Worker in the parent thread, not the timer inside the worker/);
  });
});

describe('daemon/heartbeat', () => {
  const id = 'daemon/heartbeat';
  const file = (name: string): string => solutionFile(`10-daemon/heartbeat/${name}.ts`);

  it('fails the starter every time: stop() never reaches the worker', { timeout: SLOW }, async () => {
    const results = await gradeTimes(id, 'starter.ts', RUNS);
    expectFail(results, RUNS, /^ticks kept coming after stop\(\) had resolved \(\d+ more in 300 ms\): stop\(\) never told the worker to stop/);
    for (const result of results) expect(result.cases.map((c) => c.status)).toEqual(['pass', 'fail', 'fail']);
  });

  it('passes the solution every time', { timeout: SLOW }, async () => {
    expectPass(await gradeTimes(id, 'solution.ts', RUNS), RUNS);
  });

  it('passes an alternative: setInterval in the worker and a stop message', { timeout: SLOW }, async () => {
    expectPass([await grade(id, file('message-stop'))], 1);
  });

  it('fails a stop() that sets the Event but does not wait for the exit', { timeout: SLOW }, async () => {
    expectFail(await gradeTimes(id, file('no-join'), 4), 4, /^stop\(\) resolved while the heartbeat's worker was still running: wait for the worker's 'exit' event/);
  });

  it('fails a worker that naps beside the stop flag, naming the late stop', { timeout: SLOW }, async () => {
    const [result] = [await grade(id, file('sleeps'))];
    expectFail([result!], 1, /^stop\(\) took (19|20)\d\d ms with a 2000 ms interval: the worker only noticed the request when its nap ran out/);
    expect(result!.cases.map((c) => c.status)).toEqual(['pass', 'pass', 'fail']);
  });

  it('fails a heartbeat stopped with terminate(), naming the exit code', { timeout: SLOW }, async () => {
    expectFail([await grade(id, file('terminate'))], 1, /^the heartbeat's worker ended with exit code 1: it was terminate\(\)d/);
  });
});

describe('daemon/shutdown', () => {
  const id = 'daemon/shutdown';
  const file = (name: string): string => solutionFile(`10-daemon/shutdown/${name}.ts`);

  it('fails the starter every time: it waits forever for the stuck worker', { timeout: SLOW }, async () => {
    const results = await gradeTimes(id, 'starter.ts', RUNS);
    expectFail(results, RUNS, /^shutdown\(\) had not resolved 2\.0 s after it was called with a 800 ms deadline: worker 1 is stuck/);
    for (const result of results) expect(result.cases.map((c) => c.status)).toEqual(['pass', 'fail']);
  });

  it('passes the solution every time', { timeout: SLOW }, async () => {
    expectPass(await gradeTimes(id, 'solution.ts', RUNS), RUNS);
  });

  it('passes an alternative: one AbortSignal.timeout() shared by every join', { timeout: SLOW }, async () => {
    expectPass([await grade(id, file('abort-signal'))], 1);
  });

  it('fails terminating everyone at once, naming the cut-off item', { timeout: SLOW }, async () => {
    expectFail(await gradeTimes(id, file('impatient'), 4), 4, /^worker 0 was terminate\(\)d \(exit code 1\) in the middle of an item/);
  });

  it('fails resolving before the terminated worker is gone', { timeout: SLOW }, async () => {
    expectFail(await gradeTimes(id, file('no-await-terminate'), 4), 4, /^shutdown\(\) resolved while worker 1 was still running/);
  });

  it('fails sleeping out the whole deadline', { timeout: SLOW }, async () => {
    expectFail([await grade(id, file('sleeps-deadline'))], 1, /^shutdown\(\) took 4\d\d\d ms although every worker had exited \d+ ms in: do not sleep out the deadline/);
  });
});
