import { readFileSync } from 'node:fs';
import type { Context } from '../context.ts';
import { Exit, type ExitCode } from '../exitError.ts';
import { resolveLesson } from '../../course/resolveId.ts';
import { updateProgress } from '../../progress/progressStore.ts';
import { renderLesson } from '../../render/lessonView.ts';
import { page } from '../pager.ts';

/** `threadlings lesson <lesson> [--no-pager]`: renders the lesson and marks it read. */
export async function lessonCommand(ctx: Context, id: string, usePager: boolean): Promise<ExitCode> {
  const lesson = resolveLesson(ctx.course(), id);
  const workspace = ctx.workspace().dir;
  const text = renderLesson(lesson, readFileSync(lesson.file, 'utf8'), { width: ctx.columns, palette: ctx.palette, workspace });
  const paged = usePager && ctx.interactive && text.split('\n').length > (process.stdout.rows || 24) && (await page(`${text}\n`));
  if (!paged) ctx.print(text);
  await updateProgress(workspace, (progress) => {
    progress.lessons[lesson.id] = { ...progress.lessons[lesson.id], readAt: new Date().toISOString() };
  });
  return Exit.ok;
}
