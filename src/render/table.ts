import Table from 'cli-table3';

/** A cli-table3 table in the house style: a bold head, no colour codes in the frame. */
export function renderTable(head: readonly string[], rows: readonly (readonly string[])[], align?: readonly ('left' | 'right' | 'center')[]): string {
  const table = new Table({
    head: [...head],
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
