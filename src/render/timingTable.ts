import type { TimingResult } from '../grader/protocol.ts';
import { formatDuration, formatRange, formatSpeedup } from './benchTable.ts';
import type { Palette } from './palette.ts';
import { renderTable } from './table.ts';

/** Green when it reaches 80% of the ideal, red when it is slower than the sequential version. */
function speedupCell(timing: TimingResult, palette: Palette): string {
  const text = formatSpeedup(timing.speedup);
  if (timing.efficiency >= 0.8) return palette.pass(text);
  return timing.speedup < 0.95 ? palette.fail(text) : text;
}

/**
 * The short table shown after a pass: the learner's version against the sequential one,
 * timed in the same grading run, its start-up alone when the check measures it, and the ideal.
 */
export function renderTimingTable(timing: TimingResult, palette: Palette): string {
  const { yours, sequential, startup } = timing;
  const runs = Math.min(yours.runs.length, sequential.runs.length);
  const caption = `Timing: ${timing.work} (1 warm-up, then ${runs} runs of each; median shown)`;
  const table = renderTable(
    ['version', 'median', 'min-max', 'speedup'],
    [
      [`sequential: ${sequential.label}`, formatDuration(sequential.medianMs), formatRange(sequential.minMs, sequential.maxMs), formatSpeedup(1)],
      [yours.label, formatDuration(yours.medianMs), formatRange(yours.minMs, yours.maxMs), speedupCell(timing, palette)],
      ...(startup ? [[`start-up: ${startup.label}`, formatDuration(startup.medianMs), formatRange(startup.minMs, startup.maxMs), '']] : []),
      [palette.dim(`ideal: ${timing.idealReason}`), palette.dim(formatDuration(sequential.medianMs / timing.ideal)), '', palette.dim(formatSpeedup(timing.ideal))],
    ],
    ['left', 'right', 'right', 'right'],
  );
  return [caption, table, ...timing.notes.map((note) => palette.pending(note))].join('\n');
}

/** One line instead of the table, when timing was asked for but could not be done. */
export function renderTimingSkipped(reason: string, palette: Palette): string {
  return palette.dim(`No timing table: ${reason}`);
}
