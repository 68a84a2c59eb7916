import path from 'node:path';
import type { Exercise } from '../course/types.ts';
import { gradeFile } from '../grader/gradeFile.ts';
import type { GradeResult, WorkerEvent } from '../grader/protocol.ts';
import type { Supervisor } from '../grader/startSupervisor.ts';
import { trace } from '../grader/trace.ts';
import { applyAttempt } from '../progress/applyAttempt.ts';
import { loadLock, updateProgress } from '../progress/progressStore.ts';
import { exerciseFile } from '../progress/workspace.ts';
import { ExitError } from './exitError.ts';

export interface Graded {
  readonly exercise: Exercise;
  readonly file: string;
  readonly result: GradeResult;
  readonly attempts: number;
  /** Why the attempt could not be recorded (the verdict stands); the command reports it after the verdict. */
  readonly saveError?: ExitError;
}

export interface GradeOptions {
  /** After a pass, time the solution against a sequential run (only one check at a time: it needs the cores). */
  readonly timing?: boolean;
  readonly onEvent?: (event: WorkerEvent) => void;
}

/** Grades the learner's file for one exercise and records the attempt in the progress file. */
export async function gradeAndRecord(workspace: string, exercise: Exercise, supervisor?: Supervisor, options: GradeOptions = {}): Promise<Graded> {
  const file = exerciseFile(workspace, exercise);
  const request = { checkFile: path.join(exercise.dir, 'check.ts'), learnerFile: file, timeoutMs: exercise.timeoutMs, childProcesses: exercise.childProcesses, ...options };
  void loadLock(); // off the critical path: it loads while the check runs
  const result = await gradeFile(request, supervisor);
  trace('graded');
  try {
    const progress = await updateProgress(workspace, (p) => applyAttempt(p, exercise.id, result, new Date()));
    trace('progress saved');
    return { exercise, file, result, attempts: progress.exercises[exercise.id]?.attempts ?? 1 };
  } catch (error) {
    if (!(error instanceof ExitError)) throw error;
    return { exercise, file, result, attempts: 0, saveError: error };
  }
}

/** The `check --json` shape (docs/json.md). */
export function gradedToJson({ exercise, file, result, attempts }: Graded): object {
  return { exercise: exercise.id, file, attempts, ...result };
}
