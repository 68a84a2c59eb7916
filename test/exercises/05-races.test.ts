/**
 * Lesson 05 (races): every verdict is deterministic. The racy starters and the common
 * wrong answers lose updates in every one of 20 gradings; the solutions and an
 * alternative correct answer lose none in any of 20. atomic-max forces the interleaving
 * (a worker paused inside atomicMax), so its wrong answers fail even on one free core.
 */
import { describe, expect, it } from 'vitest';
import type { GradeResult } from '../../src/grader/protocol.ts';
import { gradeTimes, solutionFile } from '../helpers/grading.ts';

const RUNS = 20;
const SLOW = 240_000;

/** The message of the first failed case, or the summary when no case failed. */
function failureOf(result: GradeResult): string {
  return result.cases.find((c) => c.status === 'fail')?.message ?? result.summary;
}

function expectAllPass(results: readonly GradeResult[]): void {
  expect(results).toHaveLength(RUNS);
  expect(results.filter((r) => !r.passed).map(failureOf)).toEqual([]);
}

/**
 * Every result failed with `message`. With `stats`, the failing case also carries the race
 * statistics (a counted race, not a forced interleaving), and they select the race advice.
 */
function expectAllFail(results: readonly GradeResult[], message: RegExp, stats = false): void {
  expect(results).toHaveLength(RUNS);
  for (const result of results) {
    expect(result.passed, result.summary).toBe(false);
    expect(result.kind, failureOf(result)).toBe('wrong-result');
    expect(failureOf(result)).toMatch(message);
    if (!stats) continue;
    const race = result.cases.find((c) => c.status === 'fail')?.race;
    expect(race).toMatchObject({ runs: 20 });
    expect(race?.failedRuns).toBeGreaterThan(0);
    expect(result.advice).toMatch(/^Make every read-modify-write of shared memory one atomic step/);
  }
}

const LOST = /^lost [1-9][\d,]* of [\d,]+ updates, failed in [1-9]\d* of 20 runs \(4 workers calling increment at the same time\): .*use Atomics\.add/;
/** The forced interleaving: a worker paused inside atomicMax while the check raises the cell from another thread. */
const PAUSED = /^the maximum went down while a worker was paused inside atomicMax: .* then the worker went on, and the cell ended at -?\d+, not -?\d+\. /;
const TWO_STEPS = new RegExp(`${PAUSED.source}Checking the cell and then storing are two steps: .*Use Atomics\\.compareExchange in a loop\\.$`);
const NO_RETRY = new RegExp(`${PAUSED.source}The worker's compareExchange found -?\\d+ where it expected -?\\d+ and gave up: .*Use Atomics\\.compareExchange in a loop\\.$`);

describe('races/counter', () => {
  const id = 'races/counter';

  it('fails the starter (counter[0]++) every time with lost updates', { timeout: SLOW }, async () => {
    expectAllFail(await gradeTimes(id, 'starter.ts', RUNS), LOST, true);
  });

  it('passes the solution (Atomics.add) every time', { timeout: SLOW }, async () => {
    expectAllPass(await gradeTimes(id, 'solution.ts', RUNS));
  });

  it('passes an alternative: a compareExchange loop', { timeout: SLOW }, async () => {
    expectAllPass(await gradeTimes(id, solutionFile('05-races/counter/cas-loop.ts'), RUNS));
  });

  it('fails Atomics.load followed by Atomics.store every time with lost updates', { timeout: SLOW }, async () => {
    expectAllFail(await gradeTimes(id, solutionFile('05-races/counter/load-then-store.ts'), RUNS), LOST, true);
  });
});

describe('races/atomic-max', () => {
  const id = 'races/atomic-max';

  it('fails the starter (atomic load, then atomic store) every time', { timeout: SLOW }, async () => {
    expectAllFail(await gradeTimes(id, 'starter.ts', RUNS), TWO_STEPS);
  });

  it('passes the solution (a compareExchange loop) every time', { timeout: SLOW }, async () => {
    expectAllPass(await gradeTimes(id, 'solution.ts', RUNS));
  });

  it('passes an alternative: a retry loop that re-reads the cell', { timeout: SLOW }, async () => {
    expectAllPass(await gradeTimes(id, solutionFile('05-races/atomic-max/retry-loop.ts'), RUNS));
  });

  it('fails a plain typed-array check-then-store every time', { timeout: SLOW }, async () => {
    expectAllFail(await gradeTimes(id, solutionFile('05-races/atomic-max/plain-check-then-store.ts'), RUNS), TWO_STEPS);
  });

  it('fails a single compareExchange without a retry loop every time', { timeout: SLOW }, async () => {
    expectAllFail(await gradeTimes(id, solutionFile('05-races/atomic-max/exchange-once.ts'), RUNS), NO_RETRY);
  });
});
