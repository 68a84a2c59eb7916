import { displayPath } from '../course/paths.ts';
import type { Lesson } from '../course/types.ts';
import { splitFrontMatter } from '../course/frontMatter.ts';
import { exerciseFile } from '../progress/workspace.ts';
import { renderMarkdown } from './markdown.ts';
import { renderSavedBench } from './benchTable.ts';
import type { Palette } from './palette.ts';

/** A whole lesson: a header with its Python and Node idioms, the body, and its exercises. */
export function renderLesson(lesson: Lesson, source: string, options: { width: number; palette: Palette; workspace: string }): string {
  const { palette, width } = options;
  const body = splitFrontMatter(source)?.body ?? source;
  const number = String(lesson.number).padStart(2, '0');
  const header = [
    palette.dim(`Lesson ${number} · ${lesson.id}`),
    `${palette.dim('Python:')} ${lesson.python}`,
    `${palette.dim('Node:  ')} ${lesson.node}`,
  ].join('\n');
  const exercises = lesson.exercises.map(
    (exercise) =>
      `  ${palette.code(exercise.id)}  ${exercise.title}\n` +
      `    edit ${displayPath(exerciseFile(options.workspace, exercise))}, then run ${palette.code(`npx threadlings check ${exercise.id}`)}`,
  );
  const footer = exercises.length > 0 ? `${palette.heading('Your exercises')}\n${exercises.join('\n')}` : '';
  return [header, renderMarkdown(body, { width, palette }), timingLab(lesson, options), footer].filter(Boolean).join('\n\n');
}

/** The lesson's timing-lab demos: the learner's last table for each, or how to make one. */
function timingLab(lesson: Lesson, options: { palette: Palette; workspace: string }): string {
  const { palette } = options;
  if (lesson.demos.length === 0) return '';
  const parts = lesson.demos.map((demo) => {
    const saved = renderSavedBench(options.workspace, demo, palette);
    const command = palette.code(`npx threadlings bench ${demo}`);
    return saved ? `${saved}\n${palette.dim('Your last run; run it again with')} ${command}` : `Time it on your machine: ${command}`;
  });
  return `${palette.heading('Timing lab')}\n${parts.join('\n\n')}`;
}
