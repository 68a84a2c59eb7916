import type { Context } from '../context.ts';
import { Exit, type ExitCode } from '../exitError.ts';
import { readProgress } from '../../progress/progressStore.ts';
import { summarize } from '../../progress/summarize.ts';
import { exerciseFile } from '../../progress/workspace.ts';
import { renderExerciseList } from '../../render/exerciseList.ts';
import { renderNextStep } from '../../render/lessonsView.ts';

/** `threadlings list [--json]` */
export async function listCommand(ctx: Context): Promise<ExitCode> {
  const workspace = ctx.workspace().dir;
  const summary = summarize(ctx.course(), readProgress(workspace));
  if (ctx.json) {
    const rows = summary.lessons.flatMap(({ exercises }) =>
      exercises.map(({ exercise, status, attempts, bestMs, firstPassAt }) => ({
        id: exercise.id,
        title: exercise.title,
        lesson: exercise.lessonId,
        status,
        attempts,
        bestMs: bestMs ?? null,
        firstPassAt: firstPassAt ?? null,
        file: exerciseFile(workspace, exercise),
      })),
    );
    ctx.print(JSON.stringify(rows, null, 2));
    return Exit.ok;
  }
  ctx.print(`${renderExerciseList(summary, workspace, ctx.palette)}\n${renderNextStep(summary, ctx.palette)}`);
  return Exit.ok;
}
