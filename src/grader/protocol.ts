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
  | { readonly type: 'done' };

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
  /** When it failed: one line of advice for this kind of failure (adviceFor.ts). */
  readonly advice?: string;
}

/** Supervisor to CLI, over the IPC channel of the child process. */
export type SupervisorMessage =
  | { readonly type: 'event'; readonly event: WorkerEvent }
  | { readonly type: 'result'; readonly result: GradeResult };

/** CLI to supervisor. */
export interface RunMessage {
  readonly type: 'run';
  readonly job: GradeJob;
}
