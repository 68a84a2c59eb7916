import type { Palette } from './palette.ts';

export interface ChartSeries {
  readonly label: string;
  /** The best speed-up possible, marked on every bar of the series. */
  readonly ideal: number;
  readonly points: readonly { readonly workers: number; readonly speedup: number }[];
}

const PARTS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** A bar of `value` on a scale where `width` cells make `max`, with the ideal marked by ┆. */
function bar(value: number, ideal: number, max: number, width: number): string {
  const eighths = Math.max(0, Math.round((value / max) * width * 8));
  const full = Math.min(width, Math.floor(eighths / 8));
  const cells: string[] = Array.from({ length: width }, (_, i) => (i < full ? '█' : ' '));
  if (full < width) cells[full] = PARTS[eighths % 8] || ' ';
  const mark = Math.min(width - 1, Math.max(0, Math.round((ideal / max) * width) - 1));
  if (cells[mark] === ' ') cells[mark] = '┆';
  return cells.join('');
}

function times(x: number): string {
  if (!Number.isFinite(x)) return '-';
  return `${x < 10 ? x.toFixed(2) : x.toFixed(1)}x`;
}

/**
 * Speed-up against the number of workers, one horizontal bar per point, series under
 * each other; the ideal is marked ┆ on each bar. Undefined when there is nothing to plot
 * (no series with at least one point).
 */
export function renderSpeedupChart(series: readonly ChartSeries[], palette: Palette, width = 30): string | undefined {
  const plotted = series.filter((s) => s.points.length > 0);
  if (plotted.length === 0) return undefined;
  const max = Math.max(...plotted.flatMap((s) => [s.ideal, ...s.points.map((p) => (Number.isFinite(p.speedup) ? p.speedup : 0))])) * 1.05 || 1;
  const labelWidth = Math.max(...plotted.map((s) => s.label.length));
  const countWidth = Math.max(...plotted.flatMap((s) => s.points.map((p) => String(p.workers).length)));
  const lines = [palette.heading('Speedup by number of workers') + palette.dim('  (┆ marks the ideal)')];
  for (const s of plotted) {
    s.points.forEach((point, i) => {
      const label = (i === 0 ? s.label : '').padEnd(labelWidth);
      const count = String(point.workers).padStart(countWidth);
      const drawn = bar(Number.isFinite(point.speedup) ? point.speedup : 0, s.ideal, max, width);
      lines.push(`${label}  ${count} ${palette.dim('│')}${drawn}${palette.dim('│')} ${times(point.speedup)}`);
    });
  }
  return lines.join('\n');
}
