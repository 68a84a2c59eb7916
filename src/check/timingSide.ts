/**
 * The timing side of a check: after a pass, `threadlings check` times the learner's
 * solution against a sequential run of the same work and shows the two side by side.
 * Timing never changes a verdict; the grader runs it only after every case passed.
 */

/** The two versions of the work, ready to run; each call is one complete run. */
export interface TimingRuns {
  /** The learner's concurrent version, e.g. `() => ex.fetchAll(urls, 4)`. */
  yours(): unknown;
  /** The same work one piece at a time: the check's own sequential code, or the learner's with a limit of 1. */
  sequential(): unknown;
  /** Optional: the learner's version on next to no work, to show its fixed cost (starting threads) as a row. */
  startup?(): unknown;
  /** Called once after the runs, even when one failed (close a server, a pool, a folder). */
  close?(): unknown;
}

interface TimingSideBase<M> {
  /** What both versions do, as the table's caption: "count the primes below 1 500 000". */
  readonly work: string;
  /** The row of the learner's version, starting with "your": "your countPrimesParallel", "your fetchAll, limit 4". */
  readonly yours: string;
  /** The row of the baseline (shown after "sequential: "), e.g. "the same count on one thread". */
  readonly sequential: string;
  /** The start-up row, when the runs have `startup`: "your countPrimesParallel(2): starting the workers". */
  readonly startup?: string;
  /** Builds the runs (and whatever they need, such as a local server); called once. */
  prepare(exercise: M): TimingRuns | Promise<TimingRuns>;
}

/** CPU work: at best as many times faster as there are cores (or `parallel` threads, if fewer). */
export interface CpuTimingSide<M> extends TimingSideBase<M> {
  readonly bound: 'cpu';
  readonly parallel?: number;
}

/** Waiting (I/O, timers): at best `parallel` waits overlap, so the ideal speed-up is `parallel`. */
export interface IoTimingSide<M> extends TimingSideBase<M> {
  readonly bound: 'io';
  readonly parallel: number;
}

export type TimingSide<M> = CpuTimingSide<M> | IoTimingSide<M>;
