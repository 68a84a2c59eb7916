import { displayPath } from '../course/paths.ts';
import type { ExerciseStatus } from '../progress/progressSchema.ts';
import type { CourseSummary } from '../progress/summarize.ts';
import { exerciseFile } from '../progress/workspace.ts';
import type { Palette } from './palette.ts';
import { renderTable } from './table.ts';

export function statusLabel(status: ExerciseStatus, palette: Palette): string {
  if (status === 'done') return palette.pass('done');
  if (status === 'failing') return palette.fail('failing');
  return palette.pending('pending');
}

/** The table of `threadlings list`. */
export function renderExerciseList(summary: CourseSummary, workspace: string, palette: Palette): string {
  const rows = summary.lessons.flatMap(({ exercises }) =>
    exercises.map(({ exercise, status, attempts }) => [
      exercise.id,
      exercise.title,
      statusLabel(status, palette),
      String(attempts),
      displayPath(exerciseFile(workspace, exercise)),
    ]),
  );
  return renderTable(['exercise', 'title', 'status', 'tries', 'your file'], rows);
}
