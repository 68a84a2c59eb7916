/**
 * Lesson 02 (threads): every verdict is deterministic. The starters fail the same way
 * every time, the solutions pass every time, and alternative right answers and common
 * wrong answers (under test/solutions/02-threads/) get the verdict and message they should.
 */
import { describe, expect, it } from 'vitest';
import type { GradeResult } from '../../src/grader/protocol.ts';
import { gradeTimes, solutionFile } from '../helpers/grading.ts';

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
    expect(result.passed, result.summary).toBe(false);
    expect(result.kind, result.summary).toBe('wrong-result');
    const failed = failures(result);
    expect(Object.keys(failed).sort()).toEqual(Object.keys(expected).sort());
    for (const [name, pattern] of Object.entries(expected)) expect(failed[name]).toMatch(pattern);
  }
}

describe('threads/join-all', () => {
  const id = 'threads/join-all';
  const notJoined = (call: string, n: number) =>
    new RegExp(`^${call.replace(/[()]/g, '\\$&')} resolved while ${n} of ${n} workers were still running: the workers were not joined`);

  it('the starter (a forgotten join) fails 20 times out of 20, saying the workers were not joined', async () => {
    expectAllFail(await gradeTimes(id, 'starter.ts', 20), {
      'every worker has exited when runAll resolves': notJoined('runAll(3)', 3),
      'returns the threadIds of its workers, in start order': notJoined('runAll(2)', 2),
      'the workers run side by side': notJoined('runAll(3, 100)', 3),
      'a single worker is joined too': notJoined('runAll(1)', 1),
    });
  }, SLOW);

  it('the solution passes 20 times out of 20', async () => {
    expectAllPass(await gradeTimes(id, 'solution.ts', 20));
  }, SLOW);

  it('accepts ids reported by the workers themselves and events.once joins', async () => {
    expectAllPass(await gradeTimes(id, solutionFile('02-threads/join-all/ids-from-workers.ts'), 3));
  }, SLOW);

  it('rejects waiting for a last message instead of the exit, every time', async () => {
    // Usually the workers are still running; on a busy machine Node may deliver a worker's last
    // message and its 'exit' together, and then the missing 'exit' listener is what fails it.
    const either = (call: string, count: number): RegExp =>
      new RegExp(`^${call} (resolved while [1-${count}] of ${count} workers were still running: the workers were not joined|never listened for the 'exit' event of ${count} of ${count} workers)`);
    expectAllFail(await gradeTimes(id, solutionFile('02-threads/join-all/join-on-message.ts'), 10), {
      'every worker has exited when runAll resolves': either('runAll\\(3\\)', 3),
      'returns the threadIds of its workers, in start order': either('runAll\\(2\\)', 2),
      'the workers run side by side': either('runAll\\(3, 100\\)', 3),
      'a single worker is joined too': either('runAll\\(1\\)', 1),
    });
  }, SLOW);

  it('rejects it also when every last message arrives together with its exit, by the missing exit listener', async () => {
    const unheard = (call: string, count: number): RegExp => new RegExp(`^${call} never listened for the 'exit' event of ${count} of ${count} workers`);
    expectAllFail(await gradeTimes(id, solutionFile('02-threads/join-all/join-on-message-late.ts'), 3), {
      'every worker has exited when runAll resolves': unheard('runAll\\(3\\)', 3),
      'returns the threadIds of its workers, in start order': unheard('runAll\\(2\\)', 2),
      'the workers run side by side': unheard('runAll\\(3, 100\\)', 3),
      'a single worker is joined too': unheard('runAll\\(1\\)', 1),
    });
  }, SLOW);

  it('rejects threadIds read after the join, naming the -1', async () => {
    expectAllFail(await gradeTimes(id, solutionFile('02-threads/join-all/ids-after-join.ts'), 3), {
      'returns the threadIds of its workers, in start order': /runAll\(2\) returned \[-1,-1\]: a worker's threadId reads -1 once it has exited/,
      'a single worker is joined too': /runAll\(1\): expected \[ \d+ \], got \[ -1 \]/,
    });
  }, SLOW);

  it('rejects starting and joining one worker at a time', async () => {
    expectAllFail(await gradeTimes(id, solutionFile('02-threads/join-all/one-by-one.ts'), 3), {
      'the workers run side by side': /runAll\(3, 100\) never had more than one worker running at a time: joining each worker before starting the next/,
    });
  }, SLOW);
});

describe('threads/alive', () => {
  const id = 'threads/alive';

  it('the starter fails 20 times out of 20: no exit tracking, no timeout', async () => {
    expectAllFail(await gradeTimes(id, 'starter.ts', 20), {
      'isAlive() is true while the worker runs, false once it has exited': /isAlive\(\) still returned true after the worker had exited/,
      'join(timeout) gives up on a worker that never ends, and leaves it running': /join\(150\) on a worker that never ends had not resolved 1\.5 s later: the timeout is ignored/,
      'join() after the worker has exited answers at once': /join\(300\) on a worker that had already exited never resolved: 'exit' is emitted only once/,
    });
  }, SLOW);

  it('the solution passes 20 times out of 20', async () => {
    expectAllPass(await gradeTimes(id, 'solution.ts', 20));
  }, SLOW);

  it('accepts events.once raced against a timer', async () => {
    expectAllPass(await gradeTimes(id, solutionFile('02-threads/alive/events-once.ts'), 3));
  }, SLOW);

  it('rejects a join that listens for the exit only when it is called', async () => {
    expectAllFail(await gradeTimes(id, solutionFile('02-threads/alive/late-listener.ts'), 3), {
      'join() after the worker has exited answers at once': /join\(300\) on a worker that had already exited resolved false: 'exit' is emitted only once/,
    });
  }, SLOW);

  it('rejects a join(timeout) that terminates the worker', async () => {
    expectAllFail(await gradeTimes(id, solutionFile('02-threads/alive/terminates.ts'), 3), {
      'join(timeout) gives up on a worker that never ends, and leaves it running': /join\(150\) stopped the worker: a join with a timeout only stops waiting/,
    });
  }, SLOW);
});

describe('threads/deadline', () => {
  const id = 'threads/deadline';
  const stillRunning = (call: string, n: number) =>
    new RegExp(`^${call.replace(/[()[\]]/g, '\\$&')} resolved while ${n} of its workers were still running: .*worker\\.terminate\\(\\)`);

  it('the starter fails 20 times out of 20: nothing is terminated', async () => {
    expectAllFail(await gradeTimes(id, 'starter.ts', 20), {
      'stops the workers that overrun, and says which': stillRunning('runWithDeadline([quick, stuck, quick, stuck], 1000)', 2),
      'one deadline for the whole batch, not one per worker': stillRunning('runWithDeadline([stuck, stuck, stuck, stuck], 500)', 4),
    });
  }, SLOW);

  it('the solution passes 20 times out of 20', async () => {
    expectAllPass(await gradeTimes(id, 'solution.ts', 20));
  }, SLOW);

  it("accepts Python's fix: join in turn, each with the time left", async () => {
    expectAllPass(await gradeTimes(id, solutionFile('02-threads/deadline/remaining-time.ts'), 3));
  }, SLOW);

  it('rejects a join loop that gives every worker the full timeout', async () => {
    expectAllFail(await gradeTimes(id, solutionFile('02-threads/deadline/join-loop.ts'), 3), {
      'one deadline for the whole batch, not one per worker': /stopped the last worker 2\.\d s after the start: each join waited a full deadline in turn/,
    });
  }, SLOW);

  it('rejects reporting the overrunning workers without stopping them', async () => {
    expectAllFail(await gradeTimes(id, solutionFile('02-threads/deadline/no-terminate.ts'), 3), {
      'stops the workers that overrun, and says which': stillRunning('runWithDeadline([quick, stuck, quick, stuck], 1000)', 2),
      'one deadline for the whole batch, not one per worker': stillRunning('runWithDeadline([stuck, stuck, stuck, stuck], 500)', 4),
    });
  }, SLOW);
});
