import type { RaceStats } from '../check/repeatRuns.ts';
import type { FailureKind } from '../course/types.ts';

/** A position in the learner's TypeScript file (1-based line and column). */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** What the CLI asks the supervisor to grade. */
export interface GradeJob {
  readonly checkFile: string;
  readonly learnerFile: string;
  readonly timeoutMs: number;
  /**
   * Files the CLI prepared as plain JavaScript (file URL of the .ts to the cached module's URL):
   * the worker imports those without loader hooks. Any other TypeScript goes through the hooks.
   */
  readonly modules: Readonly<Record<string, string>>;
  /** After a pass, also time the learner's solution against a sequential run (checks with a timing side only). */
  readonly timing?: boolean;
}

/** One version of the work in a timing run: its warm-up, then every timed run, in order (ms, wall clock). */
export interface TimedVersion {
  readonly label: string;
  readonly warmupMs: number;
  readonly runs: readonly number[];
}

/** The raw timings of an exercise's timing side, as the grading worker measured them. */
export interface TimingSample {
  /** What both versions did, e.g. "count the primes below 1 500 000". */
  readonly work: string;
  /** CPU work: the ideal is the cores; I/O waits: the ideal is full overlap. */
  readonly bound: 'cpu' | 'io';
  /** The most pieces of work that can run at once (pool size, limit), when the check caps it. */
  readonly parallel?: number;
  /** os.availableParallelism() */
  readonly cores: number;
  /** os.loadavg()[0] just before the runs. */
  readonly loadAverage: number;
  readonly yours: TimedVersion;
  readonly sequential: TimedVersion;
  /** The learner's version on next to no work: its fixed cost, when the check measures it. */
  readonly startup?: TimedVersion;
}

export interface TimedSummary extends TimedVersion {
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
}

/** The timing table's data: the raw runs, their medians, the speed-up and the ideal. */
export interface TimingResult extends TimingSample {
  readonly yours: TimedSummary;
  readonly sequential: TimedSummary;
  readonly startup?: TimedSummary;
  /** sequential median / your median */
  readonly speedup: number;
  readonly ideal: number;
  /** Why the ideal is what it is, e.g. "2 cores". */
  readonly idealReason: string;
  /** speedup / ideal */
  readonly efficiency: number;
  /** Lines for under the table when the numbers need a word: a busy machine, a costly start-up, above the ideal. */
  readonly notes: readonly string[];
}

/** Messages from the grading worker, sent over a private MessagePort. */
export type WorkerEvent =
  | { readonly type: 'loaded'; readonly cases: readonly string[] }
  | { readonly type: 'case-start'; readonly index: number }
  | {
      readonly type: 'case-end';
      readonly index: number;
      readonly ok: boolean;
      readonly ms: number;
      readonly kind?: FailureKind;
      readonly message?: string;
      readonly location?: SourceLocation;
      readonly race?: RaceStats;
    }
  | { readonly type: 'load-error'; readonly kind: FailureKind; readonly message: string; readonly location?: SourceLocation }
  | { readonly type: 'leaked'; readonly running: number; readonly started: number }
  /**
   * No worker leaked, but `unjoined` of the `started` workers the learner's code started were never
   * joined: nobody listened for their outcome, terminated or unref()'d them (findUnjoined.ts).
   */
  | { readonly type: 'unjoined'; readonly unjoined: number; readonly started: number; readonly location?: SourceLocation }
  /** Every case passed and no worker leaked or went unjoined: the verdict is a pass, and what follows only measures. */
  | { readonly type: 'timing-start' }
  | { readonly type: 'timing'; readonly sample: TimingSample }
  | { readonly type: 'timing-skipped'; readonly reason: string }
  /** The end of the job; `outputBytes` is what the grading thread printed, counted where it was written. */
  | { readonly type: 'done'; readonly outputBytes?: number };

export interface CaseResult {
  readonly name: string;
  readonly status: 'pass' | 'fail' | 'not-run';
  readonly ms?: number;
  readonly kind?: FailureKind;
  readonly message?: string;
  readonly location?: SourceLocation;
  /** A race measured over several runs: runs, failedRuns, updates, lost. */
  readonly race?: RaceStats;
}

/** The verdict of one check, as the CLI reports it (and as `--json` prints it). */
export interface GradeResult {
  readonly passed: boolean;
  /** Set when the check failed: the kind of the first failure. */
  readonly kind?: FailureKind;
  /** One sentence: what happened. */
  readonly summary: string;
  readonly cases: readonly CaseResult[];
  readonly location?: SourceLocation;
  /** What the learner's code printed (capped). */
  readonly output: string;
  readonly outputTruncated: boolean;
  /** Time spent in the cases themselves. */
  readonly workMs: number;
  /** After a pass, when timing was asked for and the check has a timing side: yours vs sequential. */
  readonly timing?: TimingResult;
  /** Why there is no timing table although one was asked for (one sentence). */
  readonly timingSkipped?: string;
  /** When it failed: one line of advice for this kind of failure (adviceFor.ts). */
  readonly advice?: string;
}

/** Supervisor to CLI, over the IPC channel of the child process. */
export type SupervisorMessage =
  | { readonly type: 'event'; readonly event: WorkerEvent }
  | { readonly type: 'result'; readonly result: GradeResult };

/** A spare supervisor's first words to the CLI that connected: whom to kill and what to remove when the check is over. */
export interface SpareHello {
  readonly type: 'hello';
  readonly pid: number;
  /** Its scratch folder (its os.tmpdir()). */
  readonly scratch: string;
}

/** CLI to supervisor. */
export interface RunMessage {
  readonly type: 'run';
  readonly job: GradeJob;
}
