import type { CourseSummary } from '../progress/summarize.ts';
import type { Palette } from './palette.ts';
import { renderTable } from './table.ts';

/** The table of `threadlings lessons` (and of the overview). */
export function renderLessons(summary: CourseSummary, palette: Palette): string {
  const rows = summary.lessons.map(({ lesson, read, done, exercises }) => [
    String(lesson.number).padStart(2, '0'),
    lesson.id,
    lesson.title,
    read ? palette.pass('read') : palette.dim('-'),
    exercises.length === 0 ? palette.dim('-') : `${done === exercises.length ? palette.pass(String(done)) : done}/${exercises.length}`,
  ]);
  return renderTable(['#', 'id', 'lesson', 'read', 'exercises'], rows, ['right', 'left', 'left', 'left', 'right']);
}

/** One line saying what to do next, with the command for it. */
export function renderNextStep(summary: CourseSummary, palette: Palette): string {
  const next = summary.next;
  if (!next) return palette.pass('Every exercise is done. Well threaded!');
  if (next.type === 'lesson') {
    const number = String(next.lesson.number).padStart(2, '0');
    return `Next: read lesson ${number}, "${next.lesson.title}": ${palette.code(`npx threadlings lesson ${number}`)}`;
  }
  return `Next: solve ${palette.code(next.exercise.id)} ("${next.exercise.title}"), then ${palette.code(`npx threadlings check ${next.exercise.id}`)}`;
}
