import type { Context } from '../context.ts';
import { Exit, type ExitCode } from '../exitError.ts';
import { readProgress } from '../../progress/progressStore.ts';
import { summarize } from '../../progress/summarize.ts';
import { renderLessons, renderNextStep } from '../../render/lessonsView.ts';

/** `threadlings lessons [--json]` */
export async function lessonsCommand(ctx: Context): Promise<ExitCode> {
  const summary = summarize(ctx.course(), readProgress(ctx.workspace().dir));
  if (ctx.json) {
    ctx.print(
      JSON.stringify(
        summary.lessons.map(({ lesson, read, done, exercises }) => ({
          number: lesson.number,
          id: lesson.id,
          title: lesson.title,
          python: lesson.python,
          node: lesson.node,
          read,
          exercises: exercises.map((e) => e.exercise.id),
          exercisesDone: done,
        })),
        null,
        2,
      ),
    );
    return Exit.ok;
  }
  ctx.print(`${renderLessons(summary, ctx.palette)}\n${renderNextStep(summary, ctx.palette)}`);
  return Exit.ok;
}
