import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Context } from '../context.ts';
import { Exit, type ExitCode } from '../exitError.ts';
import { splitHints } from '../../course/splitHints.ts';
import type { Course, Exercise } from '../../course/types.ts';
import { resolveExercise } from '../../course/resolveId.ts';
import { gradeFile } from '../../grader/gradeFile.ts';
import { mapLimited } from '../../grader/mapLimited.ts';
import type { GradeResult } from '../../grader/protocol.ts';

/** Everything wrong with one exercise's content: an empty list means it is sound. */
async function problemsOf(exercise: Exercise): Promise<string[]> {
  const checkFile = path.join(exercise.dir, 'check.ts');
  const grade = (file: string): Promise<GradeResult> =>
    gradeFile({ checkFile, learnerFile: path.join(exercise.dir, file), timeoutMs: exercise.timeoutMs, childProcesses: exercise.childProcesses });
  const [starter, solution] = [await grade('starter.ts'), await grade('solution.ts')];
  const problems: string[] = [];
  if (starter.passed) problems.push('the starter passes its check, so there is nothing to solve');
  else if (starter.kind !== exercise.starterFails) {
    problems.push(`the starter fails with "${starter.kind}" (${starter.summary}), not the intended "${exercise.starterFails}"`);
  }
  if (!solution.passed) {
    const failed = solution.cases.find((c) => c.status === 'fail');
    problems.push(`the solution fails: ${solution.summary}${failed?.message ? ` ${failed.name}: ${failed.message}` : ''}`);
  }
  const levels = splitHints(readFileSync(path.join(exercise.dir, 'hints.md'), 'utf8')).length;
  if (levels < 2 || levels > 3) problems.push(`hints.md has ${levels} levels; write 2 or 3, separated by --- lines`);
  return problems;
}

/** Exercises named by id, or every exercise of a lesson named by its slug or number. */
function selectExercises(course: Course, ids: readonly string[]): Exercise[] {
  return ids.flatMap((id) => {
    const lesson = course.lessons.find((l) => l.id === id || l.dirName === id || String(l.number).padStart(2, '0') === id);
    return lesson ? [...lesson.exercises] : [resolveExercise(course, id)];
  });
}

/** `threadlings dev check`: every starter fails for its intended reason, every solution passes. */
export async function devCheckCommand(ctx: Context, ids: readonly string[] = []): Promise<ExitCode> {
  const course = ctx.course();
  const chosen = ids.length === 0 ? course.exercises : selectExercises(course, ids);
  const { palette } = ctx;
  const limit = Math.max(1, Math.floor(os.availableParallelism() / 2));
  const results = await mapLimited(chosen, limit, async (exercise) => {
    const problems = await problemsOf(exercise);
    ctx.print(problems.length === 0 ? `${palette.pass('ok')}   ${exercise.id}` : `${palette.fail('FAIL')} ${exercise.id}\n${problems.map((p) => `       - ${p}`).join('\n')}`);
    return problems.length;
  });
  const broken = results.filter((count) => count > 0).length;
  ctx.print(`dev check: ${chosen.length - broken} passed, ${broken} failed`);
  return broken === 0 ? Exit.ok : Exit.failed;
}
