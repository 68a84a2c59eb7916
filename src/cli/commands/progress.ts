import type { Context } from '../context.ts';
import { Exit, type ExitCode } from '../exitError.ts';
import { readProgress } from '../../progress/progressStore.ts';
import { summarize } from '../../progress/summarize.ts';
import { renderNextStep } from '../../render/lessonsView.ts';
import { renderAttempts, renderProgress } from '../../render/progressView.ts';

/** `threadlings progress [--json]` */
export async function progressCommand(ctx: Context): Promise<ExitCode> {
  const summary = summarize(ctx.course(), readProgress(ctx.workspace().dir));
  if (ctx.json) {
    ctx.print(
      JSON.stringify(
        {
          exercisesDone: summary.exercisesDone,
          exercisesTotal: summary.exercisesTotal,
          lessonsRead: summary.lessonsRead,
          lessonsTotal: summary.lessons.length,
          next: summary.next ? (summary.next.type === 'lesson' ? { lesson: summary.next.lesson.id } : { exercise: summary.next.exercise.id }) : null,
          lessons: summary.lessons.map(({ lesson, read, done, exercises }) => ({
            id: lesson.id,
            read,
            done,
            total: exercises.length,
            exercises: exercises.map(({ exercise, ...progress }) => ({ id: exercise.id, ...progress })),
          })),
        },
        null,
        2,
      ),
    );
    return Exit.ok;
  }
  const attempts = renderAttempts(summary, ctx.palette);
  ctx.print([renderProgress(summary, ctx.palette), attempts, renderNextStep(summary, ctx.palette)].filter(Boolean).join('\n\n'));
  return Exit.ok;
}
