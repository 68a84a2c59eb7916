import { describe, expect, it } from 'vitest';
import { summarizeTiming } from '../../../src/check/summarizeTiming.ts';
import type { Exercise } from '../../../src/course/types.ts';
import type { GradeResult } from '../../../src/grader/protocol.ts';
import { renderCheckReport } from '../../../src/render/checkReport.ts';
import { createPalette } from '../../../src/render/palette.ts';
import { renderTimingSkipped, renderTimingTable } from '../../../src/render/timingTable.ts';

const plain = createPalette(false);

const timing = summarizeTiming({
  work: 'count the primes below 2,000,000',
  bound: 'cpu',
  cores: 2,
  loadAverage: 0.7,
  yours: { label: 'your countPrimesParallel', warmupMs: 260, runs: [212.4, 198.1, 205.6] },
  sequential: { label: 'the same count on one thread', warmupMs: 330, runs: [318.2, 309.9, 325] },
});

const exercise: Exercise = {
  id: 'gil/parallel-primes',
  name: 'parallel-primes',
  title: 'Make CPU work parallel',
  lessonId: 'gil',
  lessonDir: '04-gil',
  dir: '/course/exercises/04-gil/parallel-primes',
  timeoutMs: 20_000,
  starterFails: 'wrong-result',
  childProcesses: false,
};

const passed: GradeResult = {
  passed: true,
  summary: 'all 1 cases passed.',
  cases: [{ name: 'counts', status: 'pass', ms: 900 }],
  output: '',
  outputTruncated: false,
  workMs: 900,
  timing,
};

describe('renderTimingTable', () => {
  it('shows sequential, yours and the ideal: median, spread and speed-up', () => {
    expect(renderTimingTable(timing, plain)).toMatchInlineSnapshot(`
      "Timing: count the primes below 2,000,000 (1 warm-up, then 3 runs of each; median shown)
      ┌──────────────────────────────────────────┬────────┬────────────┬─────────┐
      │ version                                  │ median │    min-max │ speedup │
      │ sequential: the same count on one thread │ 318 ms │ 310-325 ms │   1.00x │
      │ your countPrimesParallel                 │ 206 ms │ 198-212 ms │   1.55x │
      │ ideal: 2 cores                           │ 159 ms │            │   2.00x │
      └──────────────────────────────────────────┴────────┴────────────┴─────────┘"
    `);
  });

  it('adds the start-up row and the note that explains it', () => {
    const withStartup = summarizeTiming({
      ...timing,
      yours: { ...timing.yours, runs: [282, 277, 315] },
      startup: { label: 'your countPrimesParallel(2), next to no work', warmupMs: 210, runs: [198, 170, 208] },
    });
    expect(renderTimingTable(withStartup, plain)).toMatchInlineSnapshot(`
      "Timing: count the primes below 2,000,000 (1 warm-up, then 3 runs of each; median shown)
      ┌────────────────────────────────────────────────────────┬────────┬────────────┬─────────┐
      │ version                                                │ median │    min-max │ speedup │
      │ sequential: the same count on one thread               │ 318 ms │ 310-325 ms │   1.00x │
      │ your countPrimesParallel                               │ 282 ms │ 277-315 ms │   1.13x │
      │ start-up: your countPrimesParallel(2), next to no work │ 198 ms │ 170-208 ms │         │
      │ ideal: 2 cores                                         │ 159 ms │            │   2.00x │
      └────────────────────────────────────────────────────────┴────────┴────────────┴─────────┘
      Your version spends about 198 of its 282 ms getting started (the start-up row), before any work is shared out: threads started once and reused (a pool, lesson 09), or more work per start, pay that back."
    `);
  });

  it('adds the note under the table, and says in one line why a table is missing', () => {
    const slow = summarizeTiming({ ...timing, loadAverage: 6, yours: { ...timing.yours, runs: [400, 410, 390] } });
    expect(renderTimingTable(slow, plain).split('\n').at(-1)).toMatch(/^This machine is busy \(1-minute load average 6\.0 on 2 cores\)/);
    expect(renderTimingSkipped('the timing runs were stopped: at this pace they would take more than 5 s (is the machine busy?).', plain)).toBe(
      'No timing table: the timing runs were stopped: at this pace they would take more than 5 s (is the machine busy?).',
    );
  });
});

describe('renderCheckReport with timing', () => {
  it('puts the table after the cases of a pass', () => {
    const report = renderCheckReport(exercise, passed, plain);
    expect(report.split('\n').slice(0, 4)).toEqual(['✓ PASS gil/parallel-primes: all 1 cases passed. (900 ms)', '  ✓ counts (900 ms)', '', 'Timing: count the primes below 2,000,000 (1 warm-up, then 3 runs of each; median shown)']);
  });

  it('shows no table for a failure, whatever the result carries', () => {
    const failed: GradeResult = { ...passed, passed: false, kind: 'wrong-result', summary: '1 of 1 cases failed.', cases: [{ name: 'counts', status: 'fail', message: 'wrong' }] };
    expect(renderCheckReport(exercise, failed, plain)).not.toContain('Timing');
  });

  it('shows the one-line reason when timing was skipped', () => {
    const { timing: _, ...rest } = passed;
    const report = renderCheckReport(exercise, { ...rest, timingSkipped: 'your version threw during a timing run: boom.' }, plain);
    expect(report.split('\n').at(-1)).toBe('No timing table: your version threw during a timing run: boom.');
  });
});
