/**
 * The timing side of a check (issue 4): after a pass, a check asked for timing carries the
 * learner's runs against sequential ones through the real grader; a failure carries none.
 * Structure only: no assertion here depends on how fast anything ran.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Exercise } from '../../src/course/types.ts';
import { gradeFile } from '../../src/grader/gradeFile.ts';
import type { GradeResult } from '../../src/grader/protocol.ts';
import { renderCheckReport } from '../../src/render/checkReport.ts';
import { createPalette } from '../../src/render/palette.ts';
import { exercise } from '../helpers/grading.ts';

const SLOW = 60_000;
const plain = createPalette(false);
const fixture = (file: string): string => fileURLToPath(new URL(`../fixtures/timing/${file}`, import.meta.url));
/** The only reason a correct solution may come without a table: a machine too busy to finish the runs. */
const BUSY = /^the timing runs were stopped: at this pace they would take more than \d+ s \(is the machine busy\?\)\.$/;

const fixtureExercise: Exercise = {
  id: 'fixture/sum',
  name: 'sum',
  title: 'Sum',
  lessonId: 'fixture',
  lessonDir: '00-fixture',
  dir: path.dirname(fixture('check.ts')),
  timeoutMs: 10_000,
  starterFails: 'wrong-result',
  childProcesses: false,
};

function gradeWithTiming(ex: Exercise, file: string, timing = true): Promise<GradeResult> {
  return gradeFile({ checkFile: path.join(ex.dir, 'check.ts'), learnerFile: path.join(ex.dir, file), timeoutMs: ex.timeoutMs, timing });
}

function expectTimingStructure(result: GradeResult): void {
  const timing = result.timing;
  if (!timing) throw new Error(`no timing in the result (${result.timingSkipped ?? 'and no reason'})`);
  for (const version of [timing.yours, timing.sequential]) {
    expect(version.runs.length).toBeGreaterThanOrEqual(3);
    expect(version.runs.every((ms) => Number.isFinite(ms) && ms >= 0)).toBe(true);
    expect(Number.isFinite(version.warmupMs)).toBe(true);
    expect(version.medianMs).toBeGreaterThanOrEqual(version.minMs);
    expect(version.maxMs).toBeGreaterThanOrEqual(version.medianMs);
  }
  expect(timing.yours.runs).toHaveLength(timing.sequential.runs.length);
  expect(timing.cores).toBeGreaterThanOrEqual(1);
  expect(timing.ideal).toBeGreaterThanOrEqual(1);
  expect(typeof timing.speedup).toBe('number');
  expect(timing.efficiency).toBeCloseTo(timing.speedup / timing.ideal);
  // The time spent timing stays out of the check's own time (the progress file's best time).
  expect(result.workMs).toBe(result.cases.reduce((sum, c) => sum + (c.ms ?? 0), 0));
}

describe('timing through the grader (a fixture whose runs take microseconds)', () => {
  it('a pass carries the timing data and its report shows the table', { timeout: SLOW }, async () => {
    const result = await gradeWithTiming(fixtureExercise, 'solution.ts');
    expect(result.passed, result.summary).toBe(true);
    expect(result.timingSkipped).toBeUndefined();
    expectTimingStructure(result);
    expect(result.timing).toMatchObject({ work: 'add up 1 000 numbers', bound: 'cpu', parallel: 2, yours: { label: 'your sum' }, sequential: { label: 'a plain loop' } });
    const report = renderCheckReport(fixtureExercise, result, plain);
    expect(report).toContain('Timing: add up 1 000 numbers');
    expect(report).toMatch(/│ sequential: a plain loop +│/);
    expect(report).toMatch(/│ your sum +│/);
  });

  it('a failure carries no timing and shows no table', { timeout: SLOW }, async () => {
    const result = await gradeWithTiming(fixtureExercise, 'wrong.ts');
    expect(result.passed).toBe(false);
    expect(result.timing).toBeUndefined();
    expect(result.timingSkipped).toBeUndefined();
    expect(renderCheckReport(fixtureExercise, result, plain)).not.toContain('Timing');
  });

  it('a pass that did not ask for timing carries none', { timeout: SLOW }, async () => {
    const result = await gradeWithTiming(fixtureExercise, 'solution.ts', false);
    expect(result.passed).toBe(true);
    expect(result.timing).toBeUndefined();
    expect(result.timingSkipped).toBeUndefined();
  });
});

describe('the timing sides of the course', () => {
  const cases: [string, object][] = [
    ['gil/parallel-primes', { bound: 'cpu', yours: { label: 'your countPrimesParallel' }, startup: { label: 'your countPrimesParallel(2), next to no work' } }],
    ['pools/worker-pool', { bound: 'cpu', yours: { label: expect.stringMatching(/^your WorkerPool\(\d\)$/) }, sequential: { label: 'your WorkerPool(1), one task at a time' } }],
    ['io/fetch-limit', { bound: 'io', parallel: 4, ideal: 4, yours: { label: 'your fetchAll, limit 4' }, sequential: { label: 'your fetchAll, limit 1' } }],
  ];
  for (const [id, shape] of cases) {
    it(`${id}: the solution passes and its timing runs work`, { timeout: SLOW }, async () => {
      const result = await gradeWithTiming(exercise(id), 'solution.ts');
      expect(result.passed, result.summary).toBe(true);
      if (result.timingSkipped !== undefined) {
        expect(result.timingSkipped).toMatch(BUSY);
        return;
      }
      expectTimingStructure(result);
      expect(result.timing).toMatchObject(shape);
    });
  }
});
