/**
 * Race statistics for checks: run the same concurrent case R times and total what each
 * run lost, so that a failure reads "lost N of M updates, failed in K of R runs" (a race
 * shows up in most runs, rarely in all; the totals show how often and how much).
 */

/** What one run of a race reports. */
export interface RunTally {
  /** Updates made in this run (calls of the learner's function, increments, ...). */
  readonly updates: number;
  /** How many of them were lost. */
  readonly lost: number;
  /** Whether this run failed; by default, when it lost an update. */
  readonly failed?: boolean;
}

/** The totals over all runs (they travel with the failure, in `race` of the case's result). */
export interface RaceStats {
  readonly runs: number;
  readonly failedRuns: number;
  readonly updates: number;
  readonly lost: number;
}

const count = (n: number): string => n.toLocaleString('en-US');

/** Runs `run` for 1..runs, one after another; returns the totals and each run's own tally. */
export async function repeatRuns<T extends RunTally>(runs: number, run: (index: number) => T | Promise<T>): Promise<RaceStats & { readonly tallies: readonly T[] }> {
  if (!Number.isInteger(runs) || runs < 1) throw new RangeError(`repeatRuns needs a whole number of runs >= 1, got ${runs}`);
  const tallies: T[] = [];
  for (let index = 1; index <= runs; index++) tallies.push(await run(index));
  return {
    runs,
    failedRuns: tallies.filter((t) => t.failed ?? t.lost > 0).length,
    updates: tallies.reduce((sum, t) => sum + t.updates, 0),
    lost: tallies.reduce((sum, t) => sum + t.lost, 0),
    tallies,
  };
}

/** `lost 1,234 of 567,890 updates, failed in 18 of 20 runs`. */
export function describeRace(stats: RaceStats): string {
  return `lost ${count(stats.lost)} of ${count(stats.updates)} updates, failed in ${stats.failedRuns} of ${stats.runs} runs`;
}

/** Only the numbers, as plain data (what the grader passes on). */
export function raceStatsOf(stats: RaceStats): RaceStats {
  return { runs: stats.runs, failedRuns: stats.failedRuns, updates: stats.updates, lost: stats.lost };
}
