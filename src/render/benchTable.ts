import type { BenchResult, StrategyResult } from '../bench/benchResult.ts';
import { isBaseline } from '../bench/buildResults.ts';
import { loadSavedBench } from '../bench/savedBench.ts';
import type { Palette } from './palette.ts';
import { renderSpeedupChart, type ChartSeries } from './speedupChart.ts';
import { renderTable } from './table.ts';

function number(ms: number): string {
  if (ms < 1) return ms.toFixed(2);
  if (ms < 10) return ms.toFixed(1);
  return String(Math.round(ms));
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '-';
  return ms < 1000 ? `${number(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

export function formatRange(min: number, max: number): string {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return '-';
  if (max < 1000) return `${number(min)}-${number(max)} ms`;
  const digits = max < 10_000 ? 2 : 1;
  return `${(min / 1000).toFixed(digits)}-${(max / 1000).toFixed(digits)} s`;
}

export function formatSpeedup(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return '-';
  if (x < 0.1) return `${x.toFixed(3)}x`;
  if (x < 10) return `${x.toFixed(2)}x`;
  return `${x < 100 ? x.toFixed(1) : Math.round(x)}x`;
}

function formatIdeal(x: number): string {
  return Number.isInteger(x) && x >= 10 ? `${x}x` : `${x.toFixed(1)}x`;
}

function speedupCell(row: StrategyResult, palette: Palette): string {
  const text = formatSpeedup(row.speedup);
  if (isBaseline(row.strategy) || row.speedup === null) return text;
  if (row.efficiency !== null && row.efficiency >= 0.8) return palette.pass(text);
  return row.speedup < 0.95 ? palette.fail(text) : text;
}

function noteCell(note: string | undefined, palette: Palette): string {
  if (!note) return '';
  if (note.startsWith('lost ')) return palette.fail(note);
  return note === 'no lost updates' ? palette.pass(note) : palette.dim(note);
}

/** The table of one bench result: one row per strategy and thread count. */
export function renderBenchTable(result: BenchResult, palette: Palette): string {
  const grouped = result.groups.length > 1;
  const noted = result.results.some((row) => row.note);
  const head = [...(grouped ? ['workload'] : []), 'strategy', 'workers', 'median', 'min-max', 'speedup', 'efficiency', 'ideal', ...(noted ? ['note'] : [])];
  const align = [...(grouped ? ['left' as const] : []), 'left', 'right', 'right', 'right', 'right', 'right', 'right', ...(noted ? ['left' as const] : [])] as const;
  const rows = result.results.map((row, i) => [
    ...(grouped ? [result.results[i - 1]?.group === row.group ? '' : row.group] : []),
    row.label,
    String(row.workers),
    formatDuration(row.medianMs),
    formatRange(row.minMs, row.maxMs),
    speedupCell(row, palette),
    row.efficiency === null || !Number.isFinite(row.efficiency) ? '-' : `${Math.round(row.efficiency * 100)}%`,
    formatIdeal(row.ideal),
    ...(noted ? [noteCell(row.note, palette)] : []),
  ]);
  return renderTable(head, rows, [...align]);
}

/** Series for the chart: every strategy of a group tried with more than one thread count. */
export function chartSeries(result: BenchResult): ChartSeries[] {
  const series = new Map<string, { label: string; ideal: number; points: { workers: number; speedup: number }[] }>();
  for (const row of result.results) {
    if (isBaseline(row.strategy) || row.speedup === null) continue;
    const key = `${row.group}\u0000${row.strategy}`;
    const label = result.groups.length > 1 ? `${row.group}: ${row.label}` : row.label;
    const entry = series.get(key) ?? { label, ideal: row.ideal, points: [] };
    entry.points.push({ workers: row.workers, speedup: row.speedup });
    series.set(key, entry);
  }
  return [...series.values()].filter((s) => new Set(s.points.map((p) => p.workers)).size > 1);
}

/** Header, table, chart and notes: what `threadlings bench <demo>` prints. */
export function renderBenchReport(result: BenchResult, palette: Palette): string {
  const { machine, settings } = result;
  const lines = [
    palette.heading(`Timing lab: ${result.demo}`) + ` ${result.title}`,
    palette.dim(
      `${machine.cores} cores · ${machine.cpuModel} · Node ${machine.node} (${machine.platform} ${machine.arch}) · ` +
        `${settings.warmup} warm-up + ${settings.runs} timed run${settings.runs === 1 ? '' : 's'} per row, median shown`,
    ),
  ];
  for (const group of result.groups) {
    const ideal = result.results.find((row) => row.group === group.name)?.ideal;
    const idealText = ideal === undefined ? '' : `; ideal ${formatIdeal(ideal)} (${group.idealReason})`;
    lines.push(`${result.groups.length > 1 ? `${group.name}: ` : ''}${group.description}${idealText}`);
  }
  lines.push(renderBenchTable(result, palette));
  const chart = renderSpeedupChart(chartSeries(result), palette);
  if (chart) lines.push('', chart);
  if (result.notes.length > 0) lines.push('', ...result.notes.map((note) => palette.dim(note)));
  return lines.join('\n');
}

/**
 * The learner's last run of a demo (saved by `threadlings bench <demo>`), for the end of
 * a lesson whose front matter lists the demo; undefined if it was never run.
 */
export function renderSavedBench(workspaceDir: string, demo: string, palette: Palette): string | undefined {
  const result = loadSavedBench(workspaceDir, demo);
  if (!result) return undefined;
  const when = result.startedAt.slice(0, 16).replace('T', ' ');
  return `${palette.dim(`Your last run of \`threadlings bench ${demo}\` (${when} UTC):`)}\n${renderBenchReport(result, palette)}`;
}

/** The list `threadlings bench` prints without a demo. */
export function renderDemoList(demos: readonly { readonly id: string; readonly summary: string }[], palette: Palette): string {
  const width = Math.max(...demos.map((demo) => demo.id.length));
  return [
    palette.heading('Timing lab: one workload, several strategies, timed side by side'),
    '',
    ...demos.map((demo) => `  ${palette.code(demo.id.padEnd(width))}  ${demo.summary}`),
    '',
    `Run one with ${palette.code('threadlings bench <demo>')}, e.g. ${palette.code('threadlings bench cpu')}.`,
    palette.dim('Options: --runs N (default 5), --tasks N, --workers 1,2,4, --python (io, cpu), --json.'),
  ].join('\n');
}
