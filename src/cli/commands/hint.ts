import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Context } from '../context.ts';
import { Exit, usageError, type ExitCode } from '../exitError.ts';
import { resolveExercise } from '../../course/resolveId.ts';
import { splitHints } from '../../course/splitHints.ts';
import { updateProgress } from '../../progress/progressStore.ts';
import { exerciseProgressOf } from '../../progress/progressSchema.ts';
import { renderMarkdown } from '../../render/markdown.ts';

/** `threadlings hint <exercise> [--level N]`: one level more each call, or up to level N. */
export async function hintCommand(ctx: Context, id: string, level: number | undefined): Promise<ExitCode> {
  const exercise = resolveExercise(ctx.course(), id);
  const hints = splitHints(readFileSync(path.join(exercise.dir, 'hints.md'), 'utf8'));
  if (level !== undefined && level > hints.length) {
    throw usageError(`${exercise.id} has ${hints.length} hint levels; pick --level 1 to ${hints.length}.`);
  }
  let shown = 0;
  await updateProgress(ctx.workspace().dir, (progress) => {
    const current = exerciseProgressOf(progress, exercise.id);
    shown = level ?? Math.min(hints.length, (current.hintsShown ?? 0) + 1);
    progress.exercises[exercise.id] = { ...current, hintsShown: Math.max(current.hintsShown ?? 0, shown) };
  });
  const { palette } = ctx;
  const text = hints
    .slice(0, shown)
    .map((hint, i) => `${palette.heading(`Hint ${i + 1} of ${hints.length}`)}\n${renderMarkdown(hint, { width: ctx.columns, palette })}`)
    .join('\n\n');
  const more =
    shown < hints.length
      ? palette.dim(`Run the same command again for hint ${shown + 1}.`)
      : palette.dim(`That was the last hint. Still stuck? \`npx threadlings solution ${exercise.id} --force\` shows the answer.`);
  ctx.print(`${text}\n\n${more}`);
  return Exit.ok;
}
