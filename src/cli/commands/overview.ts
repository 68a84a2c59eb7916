import type { Context } from '../context.ts';
import { Exit, type ExitCode } from '../exitError.ts';
import { readProgress } from '../../progress/progressStore.ts';
import { summarize } from '../../progress/summarize.ts';
import { renderLessons, renderNextStep } from '../../render/lessonsView.ts';

/** `threadlings` with no command: the lesson list and how to go on. */
export async function overviewCommand(ctx: Context): Promise<ExitCode> {
  const summary = summarize(ctx.course(), readProgress(ctx.workspace().dir));
  const { palette } = ctx;
  ctx.print(
    [
      palette.heading('threadlings: learn concurrency on Node worker threads'),
      '',
      renderLessons(summary, palette),
      '',
      renderNextStep(summary, palette),
      palette.dim('Commands: lesson <n>, list, check <exercise>, hint <exercise>, progress. See `npx threadlings --help`.'),
    ].join('\n'),
  );
  return Exit.ok;
}
