/**
 * Lesson 03 (results): every verdict is deterministic. Each starter fails the same way
 * every time, each solution passes every time, and the alternative right answers and
 * common wrong answers under test/solutions/03-results/ get the verdict and the message
 * they should. fan-out has a real ordering hazard (workers finishing in any order), so
 * it is graded 20 times each way; the others 5 or 20 times as noted.
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

describe('results/run-in-worker', () => {
  const id = 'results/run-in-worker';
  const THROWS = "a task that throws rejects the promise with the worker's own error";
  const EXITS = 'a worker that exits without sending a result rejects the promise';
  const IN_WORKER = 'runs the task in a new worker thread';
  const CLONE = 'an argument that cannot be cloned (a function) is refused with a DataCloneError';

  it('the starter fails 5 times out of 5: the error and the silent exit never reach the caller', async () => {
    expectAllFail(await gradeTimes(id, 'starter.ts', 5), {
      [THROWS]: /still pending after every worker it started had exited: the task threw, but its error never reached the caller; reject the promise from the worker's 'error' event/,
      [EXITS]: /still pending after every worker it started had exited: the worker exited with code 3 and posted nothing.*reject from the 'exit' event/,
    });
  }, SLOW);

  it('the solution passes 20 times out of 20', async () => {
    expectAllPass(await gradeTimes(id, 'solution.ts', 20));
  }, SLOW);

  it('accepts an async version built on events.once', async () => {
    expectAllPass(await gradeTimes(id, solutionFile('03-results/run-in-worker/alternative-events-once.ts'), 5));
  }, SLOW);

  it("rejects a version that never listens for 'exit', naming the silent exit", async () => {
    expectAllFail(await gradeTimes(id, solutionFile('03-results/run-in-worker/wrong-ignores-exit.ts'), 5), {
      [EXITS]: /runInWorker\('quit', \[3\]\) was still pending .*reject from the 'exit' event when no result arrived/,
    });
  }, SLOW);

  it("rejects running the task on the caller's thread, and does not run the exiting task there", async () => {
    expectAllFail([await grade(id, solutionFile('03-results/run-in-worker/wrong-runs-inline.ts'))], {
      [IN_WORKER]: /the task ran on thread \d+, the caller's own thread: runInWorker must start a new Worker/,
      [CLONE]: /resolved with NaN: the task ran on the caller's thread \(see above\), so nothing was cloned/,
      [EXITS]: /^not run: runInWorker runs tasks on the caller's thread/,
    });
  }, SLOW);
});

describe('results/fan-out', () => {
  const id = 'results/fan-out';
  const FIVE = 'results come back in input order, though the workers finish in another order';
  const SIX = 'the same, with six inputs finishing pairwise swapped';

  it('the starter fails 20 times out of 20, always with the finishing order', async () => {
    expectAllFail(await gradeTimes(id, 'starter.ts', 20), {
      [FIVE]: /gave \[ 121, 49, 4, 9, 25 \]: the results are in the order the workers finished, not the order of the inputs/,
      [SIX]: /gave \[ 81, 16, 36, 1, 64, 100 \]: the results are in the order the workers finished, not the order of the inputs/,
    });
  }, SLOW);

  it('the solution passes 20 times out of 20', async () => {
    expectAllPass(await gradeTimes(id, 'solution.ts', 20));
  }, SLOW);

  it('accepts Promise.all over one promise per worker', async () => {
    expectAllPass(await gradeTimes(id, solutionFile('03-results/fan-out/alternative-promise-all.ts'), 5));
  }, SLOW);

  it('rejects counting answers with results.length, 5 times out of 5, naming the holes', async () => {
    expectAllFail(await gradeTimes(id, solutionFile('03-results/fan-out/wrong-holes.ts'), 5), {
      [FIVE]: /resolved with \[ <2 empty items>, 121, <1 empty item>, 49 \]: 2 of 5 results were in, so it resolved before every worker answered/,
      [SIX]: /resolved with \[ 16, 81, 1, 36, <1 empty item>, 64 \]: 5 of 6 results were in/,
    });
  }, SLOW);

  it('rejects awaiting one worker at a time, naming it', async () => {
    const serial = /waited 4 s for jobs that should answer before it, and none of them started: start every worker first/;
    expectAllFail([await grade(id, solutionFile('03-results/fan-out/wrong-one-at-a-time.ts'))], { [FIVE]: serial, [SIX]: serial });
  }, SLOW);
});

describe('results/transfer', () => {
  const id = 'results/transfer';
  const MOVED = "a 16 MiB buffer moves to the worker: afterwards the caller's copy is empty (byteLength 0)";
  const copied = /the caller's buffer still has all 16777216 bytes: the worker got a copy \(structured clone\).*transferList/;

  it('the starter fails 5 times out of 5: the buffer was copied', async () => {
    expectAllFail(await gradeTimes(id, 'starter.ts', 5), { [MOVED]: copied });
  }, SLOW);

  it('the solution passes 5 times out of 5', async () => {
    expectAllPass(await gradeTimes(id, 'solution.ts', 5));
  }, SLOW);

  it("accepts moving the buffer with postMessage's transfer list", async () => {
    expectAllPass([await grade(id, solutionFile('03-results/transfer/alternative-post-message.ts'))]);
  }, SLOW);

  it('rejects transferring a slice() copy, as a copy', async () => {
    expectAllFail([await grade(id, solutionFile('03-results/transfer/wrong-transfers-a-copy.ts'))], { [MOVED]: copied });
  }, SLOW);
});
