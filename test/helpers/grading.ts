/**
 * Grading helpers for tests: grade any file against a real exercise's check, once or
 * many times, through the same supervisor + worker path the CLI uses (needs `npm run build`).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCourse } from '../../src/course/loadCourse.ts';
import { packageRoot } from '../../src/course/paths.ts';
import { resolveExercise } from '../../src/course/resolveId.ts';
import type { Exercise } from '../../src/course/types.ts';
import { gradeFile } from '../../src/grader/gradeFile.ts';
import { mapLimited } from '../../src/grader/mapLimited.ts';
import type { GradeResult } from '../../src/grader/protocol.ts';

export const repoRoot = packageRoot;

export function exercise(id: string, courseDir = repoRoot): Exercise {
  return resolveExercise(loadCourse(courseDir), id);
}

/** A file of the exercise's own folder (`starter.ts`, `solution.ts`) or any absolute path. */
export function exerciseFileOf(ex: Exercise, file: string): string {
  return path.isAbsolute(file) ? file : path.join(ex.dir, file);
}

export function grade(id: string, file: string): Promise<GradeResult> {
  const ex = exercise(id);
  return gradeFile({ checkFile: path.join(ex.dir, 'check.ts'), learnerFile: exerciseFileOf(ex, file), timeoutMs: ex.timeoutMs, childProcesses: ex.childProcesses });
}

/** Grades the same file `times` times, two at a time; a deterministic verdict gives the same `passed` every time. */
export function gradeTimes(id: string, file: string, times: number): Promise<GradeResult[]> {
  return mapLimited(Array.from({ length: times }, (_, i) => i), 2, () => grade(id, file));
}

/** A file under test/solutions/, the home of alternative right and wrong answers. */
export function solutionFile(relative: string): string {
  return fileURLToPath(new URL(`../solutions/${relative}`, import.meta.url));
}
