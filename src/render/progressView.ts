import type { CourseSummary } from '../progress/summarize.ts';
import type { Palette } from './palette.ts';
import { bar, renderTable } from './table.ts';
import { formatDuration, timeSpentMs } from '../progress/timeSpent.ts';

export function formatMs(ms: number | undefined): string {
  if (ms === undefined) return '-';
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/** The report of `threadlings progress`: one row per lesson, then totals. */
export function renderProgress(summary: CourseSummary, palette: Palette): string {
  const rows = summary.lessons.map(({ lesson, read, done, exercises }) => {
    const attempts = exercises.reduce((sum, e) => sum + e.attempts, 0);
    const best = exercises.map((e) => e.bestMs).filter((ms): ms is number => ms !== undefined);
    const finished = exercises.length > 0 && done === exercises.length;
    const spent = exercises.reduce((sum, e) => sum + timeSpentMs(e), 0);
    const progressBar = `${bar(done, exercises.length, 10)} ${done}/${exercises.length}`;
    return [
      String(lesson.number).padStart(2, '0'),
      lesson.title,
      read ? palette.pass('yes') : palette.dim('no'),
      finished ? palette.pass(progressBar) : progressBar,
      String(attempts),
      best.length > 0 ? formatMs(Math.min(...best)) : '-',
      spent > 0 ? formatDuration(spent) : '-',
    ];
  });
  const table = renderTable(
    ['#', 'lesson', 'read', 'exercises', 'attempts', 'best check', 'time spent'],
    rows,
    ['right', 'left', 'left', 'left', 'right', 'right', 'right'],
  );
  const totalSpent = summary.lessons.flatMap((l) => l.exercises).reduce((sum, e) => sum + timeSpentMs(e), 0);
  const totals =
    `Exercises ${bar(summary.exercisesDone, summary.exercisesTotal)} ${summary.exercisesDone}/${summary.exercisesTotal} done` +
    `  ·  lessons read ${summary.lessonsRead}/${summary.lessons.length}` +
    (totalSpent > 0 ? `  ·  time spent ${formatDuration(totalSpent)}` : '');
  return `${table}\n${totals}`;
}

/** Per-exercise detail for the exercises that have been tried. */
export function renderAttempts(summary: CourseSummary, palette: Palette): string | undefined {
  const rows = summary.lessons.flatMap(({ exercises }) =>
    exercises
      .filter((e) => e.attempts > 0)
      .map((e) => [
        e.exercise.id,
        e.status === 'done' ? palette.pass('done') : palette.fail('failing'),
        String(e.attempts),
        formatMs(e.bestMs),
        e.firstPassAt ? e.firstPassAt.slice(0, 16).replace('T', ' ') : '-',
      ]),
  );
  if (rows.length === 0) return undefined;
  return renderTable(['exercise', 'status', 'attempts', 'best check', 'first passed (UTC)'], rows);
}
