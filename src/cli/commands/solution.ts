import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Context } from '../context.ts';
import { Exit, usageError, type ExitCode } from '../exitError.ts';
import { resolveExercise } from '../../course/resolveId.ts';
import { readProgress } from '../../progress/progressStore.ts';
import { exerciseProgressOf } from '../../progress/progressSchema.ts';
import { highlight } from '../../render/highlight.ts';

/** `threadlings solution <exercise> [--force]`: the reference solution, once passed. */
export async function solutionCommand(ctx: Context, id: string, force: boolean): Promise<ExitCode> {
  const exercise = resolveExercise(ctx.course(), id);
  const status = exerciseProgressOf(readProgress(ctx.workspace().dir), exercise.id).status;
  if (status !== 'done' && !force) {
    throw usageError(
      `You have not passed ${exercise.id} yet, so its solution stays hidden; try \`threadlings hint ${exercise.id}\`, or pass --force to see it anyway.`,
    );
  }
  const source = readFileSync(path.join(exercise.dir, 'solution.ts'), 'utf8');
  ctx.print(`${ctx.palette.heading(`Reference solution of ${exercise.id}`)}\n\n${highlight(source, 'ts', ctx.palette.chalk)}`);
  return Exit.ok;
}
