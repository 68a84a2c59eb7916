import { displayPath } from '../course/paths.ts';
import type { Exercise } from '../course/types.ts';
import type { GradeResult, SourceLocation } from '../grader/protocol.ts';
import type { Palette } from './palette.ts';
import { formatMs } from './progressView.ts';
import { renderTimingSkipped, renderTimingTable } from './timingTable.ts';

export function formatLocation(location: SourceLocation): string {
  return `${displayPath(location.file)}:${location.line}:${location.column}`;
}

const KIND_LABEL: Record<string, string> = {
  'wrong-result': 'wrong result',
  timeout: 'timeout',
  crash: 'crash',
  'exited-early': 'exited early',
  'syntax-error': 'syntax error',
  'missing-export': 'missing export',
  'out-of-memory': 'out of memory',
  'leaked-worker': 'leaked worker',
  'unjoined-worker': 'unjoined worker',
  deadlock: 'deadlock',
  'event-loop-stall': 'event-loop stall',
  'output-flood': 'output flood',
};

/** The verdict of one check, case by case, with where to look and what to do next. */
export function renderCheckReport(exercise: Exercise, result: GradeResult, palette: Palette): string {
  const lines: string[] = [];
  if (result.passed) {
    lines.push(`${palette.pass('✓ PASS')} ${exercise.id}: ${result.summary} ${palette.dim(`(${formatMs(result.workMs)})`)}`);
  } else {
    const label = KIND_LABEL[result.kind ?? 'crash'] ?? result.kind;
    // A syntax error is one line, compiler style: file:line:col: message.
    const where = result.kind === 'syntax-error' && result.location ? `${formatLocation(result.location)}: ` : '';
    lines.push(`${palette.fail('✗ FAIL')} ${exercise.id} [${label}]: ${where}${result.summary}`);
  }
  for (const c of result.cases) {
    if (c.status === 'pass') lines.push(`  ${palette.pass('✓')} ${c.name} ${palette.dim(`(${formatMs(c.ms)})`)}`);
    else if (c.status === 'not-run') lines.push(`  ${palette.dim(`· ${c.name} (not run)`)}`);
    else {
      lines.push(`  ${palette.fail('✗')} ${c.name}`);
      if (c.message && c.message !== result.summary) lines.push(`      ${c.message}`);
      if (c.location) lines.push(`      at ${formatLocation(c.location)}`);
    }
  }
  if (result.location && result.kind !== 'syntax-error' && !result.cases.some((c) => c.location)) lines.push(`  at ${formatLocation(result.location)}`);
  if (result.output.trim()) {
    lines.push(palette.dim('  Your code printed:'));
    for (const line of result.output.trimEnd().split('\n').slice(0, 40)) lines.push(palette.dim(`  | ${line}`));
  }
  if (result.advice) lines.push(`  ${palette.heading('Advice:')} ${result.advice}`);
  if (!result.passed) lines.push(`  Stuck? ${palette.code(`npx threadlings hint ${exercise.id}`)}`);
  else if (result.timing) lines.push('', renderTimingTable(result.timing, palette));
  else if (result.timingSkipped) lines.push(renderTimingSkipped(result.timingSkipped, palette));
  return lines.join('\n');
}
