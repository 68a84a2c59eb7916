import { describe, expect, it } from 'vitest';
import { buildResults, isBaseline, type RowInput } from '../../../src/bench/buildResults.ts';

const row = (group: string, strategy: string, workers: number, runs: number[]): RowInput => ({
  group,
  strategy,
  label: strategy,
  runtime: strategy.startsWith('python-') ? 'python' : 'node',
  workers,
  warmupRuns: 1,
  runs: runs.map((ms) => ({ ms })),
});

describe('buildResults', () => {
  const results = buildResults(
    [
      row('cpu', 'sequential', 1, [400, 410, 390]),
      row('cpu', 'workers', 2, [200, 210, 190]),
      row('python', 'python-sequential', 1, [1000]),
      row('python', 'python-multiprocessing', 2, [500]),
      row('other', 'workers', 2, [100]),
    ],
    new Map([
      ['cpu', 2],
      ['python', 2],
    ]),
  );

  it('compares each row with the sequential row of its own group', () => {
    expect(results.map((r) => r.speedup)).toEqual([1, 2, 1, 2, null]);
    expect(results[1]).toMatchObject({ medianMs: 200, minMs: 190, maxMs: 210, ideal: 2, efficiency: 1 });
  });

  it('has no comparison where the group has no baseline, and ideal 1 where none is known', () => {
    expect(results[4]).toMatchObject({ speedup: null, efficiency: null, ideal: 1 });
  });

  it('keeps every run', () => {
    expect(results[0]?.runs).toEqual([{ ms: 400 }, { ms: 410 }, { ms: 390 }]);
  });

  it('knows the baselines', () => {
    expect(isBaseline('sequential')).toBe(true);
    expect(isBaseline('python-sequential')).toBe(true);
    expect(isBaseline('workers')).toBe(false);
  });
});
