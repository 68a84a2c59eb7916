import type { BenchRun, StrategyResult } from './benchResult.ts';
import type { Measured } from './measure.ts';
import { efficiency, speedup, spread } from './stats.ts';

/** A measured row before the comparisons: from a cell, or from a Python script. */
export interface RowInput {
  readonly group: string;
  readonly strategy: string;
  readonly label: string;
  readonly runtime: 'node' | 'python';
  readonly workers: number;
  readonly startupMs?: number;
  readonly warmupRuns: number;
  readonly runs: readonly BenchRun[];
  readonly note?: string;
}

export function rowFromMeasured({ cell, startupMs, warmupRuns, runs }: Measured): RowInput {
  const note = cell.note?.(runs);
  return {
    group: cell.group,
    strategy: cell.strategy,
    label: cell.label,
    runtime: 'node',
    workers: cell.workers,
    ...(startupMs === undefined ? {} : { startupMs }),
    warmupRuns,
    runs,
    ...(note === undefined ? {} : { note }),
  };
}

/** The rows every other row of a group is compared with: `sequential` (or `python-sequential`). */
export function isBaseline(strategy: string): boolean {
  return strategy === 'sequential' || strategy === 'python-sequential';
}

/**
 * Adds the statistics and the comparisons: each row against the sequential row of its
 * group (the first one, should there be several), and against the group's ideal.
 */
export function buildResults(rows: readonly RowInput[], ideals: ReadonlyMap<string, number>): StrategyResult[] {
  const baselines = new Map<string, number>();
  for (const row of rows) {
    if (isBaseline(row.strategy) && !baselines.has(row.group)) baselines.set(row.group, spread(row.runs.map((r) => r.ms)).medianMs);
  }
  return rows.map((row) => {
    const stats = spread(row.runs.map((r) => r.ms));
    const baseline = baselines.get(row.group);
    const ideal = ideals.get(row.group) ?? 1;
    const up = baseline === undefined ? null : speedup(baseline, stats.medianMs);
    const usable = up !== null && Number.isFinite(up) ? up : null;
    return {
      ...row,
      ...stats,
      speedup: usable,
      ideal,
      efficiency: usable === null ? null : efficiency(usable, ideal),
    };
  });
}
