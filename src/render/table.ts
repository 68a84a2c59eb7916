import Table from 'cli-table3';
import { SGR } from './fastStringWidth.ts';

/** A cli-table3 table in the house style: a bold head, no colour codes in the frame. */
export function renderTable(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  align?: readonly ('left' | 'right' | 'center')[],
  maxWidth?: number,
): string {
  const widths = maxWidth ? fitColumns([head, ...rows], maxWidth) : undefined;
  const table = new Table({
    head: [...head],
    ...(widths ? { colWidths: widths, wordWrap: true, wrapOnWordBoundary: true } : {}),
    style: { head: [], border: [], 'padding-left': 1, 'padding-right': 1 },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    ...(align ? { colAligns: [...align] } : {}),
  });
  for (const row of rows) table.push([...row]);
  return table.toString();
}

/** A progress bar like `[#########-----------] 45%`. */
export function bar(done: number, total: number, width = 20): string {
  const ratio = total === 0 ? 0 : done / total;
  const filled = Math.round(ratio * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${Math.round(ratio * 100)}%`;
}

const visible = (text: string): number => Math.max(0, ...text.replace(SGR, '').split('\n').map((line) => [...line].length));

/**
 * Column widths (padding included) that fit `maxWidth`, or undefined when the natural
 * widths already fit: the widest column gives way first, down to 8 characters.
 */
export function fitColumns(rows: readonly (readonly string[])[], maxWidth: number): number[] | undefined {
  const columns = Math.max(0, ...rows.map((row) => row.length));
  const widths = Array.from({ length: columns }, (_, i) => Math.max(3, ...rows.map((row) => visible(row[i] ?? ''))) + 2);
  const total = (): number => widths.reduce((sum, w) => sum + w, 0) + columns + 1;
  if (total() <= maxWidth) return undefined;
  while (total() > maxWidth) {
    const widest = widths.indexOf(Math.max(...widths));
    if ((widths[widest] ?? 0) <= 8) break;
    widths[widest] = (widths[widest] ?? 0) - 1;
  }
  return widths;
}
