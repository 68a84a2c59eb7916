/**
 * Lesson 13 (choosing): every verdict is deterministic. The starters fail the same way
 * every time, the solutions pass every time, and the alternative right answers and
 * common wrong answers under test/solutions/13-choosing/ get the verdict and the message
 * they should. three-ways starts real workers and processes (20 runs each way); bounded
 * runs on the event loop alone, with the check's tasks taking fixed numbers of turns.
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
  for (const result of results) expect(result, `${result.summary} ${JSON.stringify(failures(result))}`).toMatchObject({ passed: true });
}

/** Every result failed as wrong-result, in exactly the named cases, each with a message matching its pattern. */
function expectAllFail(results: readonly GradeResult[], expected: Record<string, RegExp>): void {
  for (const result of results) {
    expect(result.passed).toBe(false);
    expect(result.kind, result.summary).toBe('wrong-result');
    const failed = failures(result);
    expect(Object.keys(failed).sort()).toEqual(Object.keys(expected).sort());
    for (const [name, pattern] of Object.entries(expected)) expect(failed[name]).toMatch(pattern);
  }
}

/** Whether a process with this id still exists (and is not a zombie). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('choosing/three-ways', () => {
  const id = 'choosing/three-ways';
  const WORKERS = 'withWorkers: right counts, in input order, computed in worker threads of this process';
  const CHILD = 'withChildProcess: right counts, in input order, computed in another process';
  const GONE = 'withChildProcess leaves no process running once it resolved';

  it('the starter fails 20 times out of 20: nothing left the caller\'s thread', async () => {
    expectAllFail(await gradeTimes(id, 'starter.ts', 20), {
      [WORKERS]: /withWorkers computed a report on thread \d+, the caller's own thread: start a Worker/,
      [CHILD]: /withChildProcess computed a report in process \d+, the caller's own process: fork \(or spawn process\.execPath\)/,
      [GONE]: /^not run: withChildProcess starts no child process yet/,
    });
  }, SLOW);

  it('the solution passes 20 times out of 20', async () => {
    expectAllPass(await gradeTimes(id, 'solution.ts', 20));
  }, SLOW);

  it('accepts one worker for every input and a spawned node -e child read through stdout', async () => {
    expectAllPass(await gradeTimes(id, solutionFile('13-choosing/three-ways/alternative-spawn.ts'), 5));
  }, SLOW);

  it('rejects a forked child that is never disconnected, 5 times out of 5, and kills it', async () => {
    const results = await gradeTimes(id, solutionFile('13-choosing/three-ways/wrong-leaks-child.ts'), 5);
    expectAllFail(results, {
      [GONE]: /child processes \d+, \d+ were still running 1 s after withChildProcess resolved: the child was never joined/,
    });
    for (const result of results) {
      const pids = (failures(result)[GONE]?.match(/\d+, \d+/)?.[0] ?? '').split(', ').map(Number);
      for (const pid of pids) expect(alive(pid), `leaked child ${pid} is still alive`).toBe(false);
    }
  }, SLOW);
});

describe('choosing/bounded', () => {
  const id = 'choosing/bounded';
  const LIMIT = 'keeps at most `limit` tasks in flight, and uses them all (10 tasks, limit 3)';
  const EDGES = 'limit 1 runs the tasks one by one; a limit above the task count runs them all at once';
  const ERRORS = 'every error surfaces (AggregateError), after every task has settled';

  it('the starter fails 20 times out of 20: unbounded, and only the first error', async () => {
    expectAllFail(await gradeTimes(id, 'starter.ts', 20), {
      [LIMIT]: /runLimited\(10 tasks, 3\) had 10 tasks in flight at once: the limit of 3 is not enforced.*unbounded concurrency/,
      [EDGES]: /runLimited\(5 tasks, 1\) had 5 tasks in flight at once: the limit of 1 is not enforced/,
      [ERRORS]: /rejected with Error: task 1 failed, only one error, though tasks 1 and 4 both failed: the other failure was lost/,
    });
  }, SLOW);

  it('the solution passes 20 times out of 20', async () => {
    expectAllPass(await gradeTimes(id, 'solution.ts', 20));
  }, SLOW);

  it('accepts a semaphore with Promise.allSettled', async () => {
    expectAllPass(await gradeTimes(id, solutionFile('13-choosing/bounded/alternative-semaphore.ts'), 5));
  }, SLOW);

  it('rejects swallowed errors, naming them', async () => {
    expectAllFail(await gradeTimes(id, solutionFile('13-choosing/bounded/wrong-swallows-errors.ts'), 5), {
      [ERRORS]: /resolved with .* although tasks 1 and 4 failed: the errors were swallowed/,
    });
  }, SLOW);

  it('rejects failing fast, naming the lost error', async () => {
    expectAllFail(await gradeTimes(id, solutionFile('13-choosing/bounded/wrong-fails-fast.ts'), 5), {
      [ERRORS]: /only one error, though tasks 1 and 4 both failed: the other failure was lost; collect every error/,
    });
  }, SLOW);

  it('rejects running one task at a time, naming it', async () => {
    expectAllFail(await gradeTimes(id, solutionFile('13-choosing/bounded/wrong-one-at-a-time.ts'), 5), {
      [LIMIT]: /never had more than 1 task\(s\) in flight, though 3 were allowed: the tasks ran one after another/,
      [EDGES]: /runLimited\(4 tasks, 50\) never had more than 1 task\(s\) in flight, though 4 were allowed/,
    });
  }, SLOW);
});
