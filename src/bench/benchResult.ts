/**
 * The result of one `threadlings bench <demo>`: what `--json` prints and what is saved
 * to `<workspace>/.threadlings/bench/<demo>.json`. A stable format (BENCH_SCHEMA); new
 * optional fields may appear, nothing is renamed or removed without a new schema number.
 *
 * Times are wall-clock milliseconds of the timed part of a run (threads, pools, servers
 * and child processes are started before the clock; their start-up is `startupMs`).
 * Every row's `speedup` is against the `sequential` row of the same `group`; `ideal` is
 * the best speed-up the workload allows on this machine (cores for CPU-bound work, full
 * overlap for I/O-bound work, see stats.ts), and `efficiency` = speedup / ideal.
 */

export const BENCH_SCHEMA = 1;

export const DEMO_IDS = ['io', 'cpu', 'mixed', 'race', 'pool', 'threadpool'] as const;
export type DemoId = (typeof DEMO_IDS)[number];

export interface Machine {
  /** os.availableParallelism() */
  readonly cores: number;
  /** os.cpus()[0].model */
  readonly cpuModel: string;
  /** process.version */
  readonly node: string;
  readonly platform: string;
  readonly arch: string;
}

/** One timed run. */
export interface BenchRun {
  readonly ms: number;
  /** race: increments lost (expected count minus the final count). */
  readonly lostUpdates?: number;
  /** When only part of the tasks was run and `ms` scaled up to all of them: the part and its time. */
  readonly measuredTasks?: number;
  readonly measuredMs?: number;
}

/** One row: a strategy (with a thread count) on one workload. */
export interface StrategyResult {
  /** The workload, e.g. "timers", "http", "cpu"; rows compare within a group. */
  readonly group: string;
  /** A stable id: sequential, promise-all, workers, pool, piscina, worker-per-task, plain, atomics, mutex, threadpool, python-*. */
  readonly strategy: string;
  /** What the table shows, e.g. "worker threads". */
  readonly label: string;
  readonly runtime: 'node' | 'python';
  /** Threads or processes doing the work (1 for the main thread alone). */
  readonly workers: number;
  readonly startupMs?: number;
  readonly warmupRuns: number;
  /** Every timed run, in order; the warm-up is not among them. */
  readonly runs: readonly BenchRun[];
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  /** Against the group's sequential row; null when the group has none. */
  readonly speedup: number | null;
  readonly ideal: number;
  readonly efficiency: number | null;
  /** A short remark for the table: lost updates, tasks per second, a scaling caveat. */
  readonly note?: string;
}

export interface BenchGroup {
  readonly name: string;
  /** Why the ideal is what it is, e.g. "16 tasks, full overlap". */
  readonly idealReason: string;
  readonly description: string;
}

export interface BenchResult {
  readonly schema: typeof BENCH_SCHEMA;
  readonly demo: DemoId;
  readonly title: string;
  /** ISO 8601 */
  readonly startedAt: string;
  readonly durationMs: number;
  readonly machine: Machine;
  readonly settings: {
    readonly tasks: number;
    readonly runs: number;
    readonly warmup: number;
    readonly workers: readonly number[];
    readonly python: boolean;
  };
  /** The demo's parameters (per-task times, kernel iterations, ...). */
  readonly workload: Readonly<Record<string, number | string>>;
  readonly groups: readonly BenchGroup[];
  readonly results: readonly StrategyResult[];
  /** Remarks for the reader (e.g. why Python rows are missing). */
  readonly notes: readonly string[];
  readonly python?: { readonly version: string; readonly gil: boolean };
}
