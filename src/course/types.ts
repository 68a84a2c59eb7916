/** The failure kinds a check can report (DESIGN §4). */
export type FailureKind =
  | 'wrong-result'
  | 'timeout'
  | 'crash'
  | 'exited-early'
  | 'syntax-error'
  | 'missing-export'
  | 'out-of-memory'
  | 'leaked-worker'
  | 'unjoined-worker'
  | 'deadlock'
  | 'event-loop-stall'
  | 'output-flood';

export interface Exercise {
  /** `lesson-slug/name`, e.g. `threads/join`. */
  readonly id: string;
  readonly name: string;
  readonly title: string;
  readonly lessonId: string;
  /** Folder of the lesson in exercises/ and in the workspace, e.g. `02-threads`. */
  readonly lessonDir: string;
  /** Absolute folder holding starter.ts, check.ts, solution.ts, hints.md. */
  readonly dir: string;
  readonly timeoutMs: number;
  /** The failure kind the untouched starter must produce (checked by `dev check`). */
  readonly starterFails: FailureKind;
  /** The grader's sandbox lets this exercise start child processes (docs/decisions.md, "The grader runs in a sandbox"). */
  readonly childProcesses: boolean;
}

export interface Lesson {
  readonly number: number;
  /** The slug, e.g. `threads`. */
  readonly id: string;
  readonly title: string;
  readonly python: string;
  readonly node: string;
  readonly demos: readonly string[];
  readonly exercises: readonly Exercise[];
  /** Absolute path of the markdown file. */
  readonly file: string;
  /** `02-threads`: the file name without `.md`. */
  readonly dirName: string;
}

export interface Course {
  readonly root: string;
  readonly lessons: readonly Lesson[];
  readonly exercises: readonly Exercise[];
}
