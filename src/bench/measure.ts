import type { BenchRun } from './benchResult.ts';

/** One strategy on one workload, measured as: open, warm-up runs, timed runs, close. */
export interface Cell {
  readonly group: string;
  readonly strategy: string;
  readonly label: string;
  readonly workers: number;
  /** Starts what the runs need (threads, a pool, a server); timed separately as start-up. */
  open?(): Promise<void>;
  /** One run; the cell times the part that counts and may add details (lost updates...). */
  run(): Promise<BenchRun>;
  close?(): Promise<void>;
  /** A remark for the table, from the timed runs. */
  note?(runs: readonly BenchRun[]): string | undefined;
}

export interface Measured {
  readonly cell: Cell;
  readonly startupMs?: number;
  readonly warmupRuns: number;
  readonly runs: readonly BenchRun[];
}

export interface Progress {
  readonly cell: Cell;
  /** Cells done before this one, and how many there are. */
  readonly done: number;
  readonly total: number;
  readonly label: string;
}

export interface MeasureOptions {
  readonly warmup: number;
  readonly runs: number;
  readonly onProgress?: (progress: Progress) => void;
}

/** Wall time of `work` in milliseconds. */
export async function timed(work: () => unknown): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/** Measures the cells one after another (never two at once: they would share the cores). */
export async function measureCells(cells: readonly Cell[], options: MeasureOptions): Promise<Measured[]> {
  const measured: Measured[] = [];
  for (const [done, cell] of cells.entries()) {
    const report = (label: string): void => options.onProgress?.({ cell, done, total: cells.length, label });
    report('starting');
    const startupMs = cell.open ? await timed(() => cell.open?.()) : undefined;
    try {
      for (let i = 0; i < options.warmup; i++) {
        report('warm-up');
        await cell.run();
      }
      const runs: BenchRun[] = [];
      for (let i = 0; i < options.runs; i++) {
        report(`run ${i + 1}/${options.runs}`);
        runs.push(await cell.run());
      }
      measured.push({ cell, ...(startupMs === undefined ? {} : { startupMs }), warmupRuns: options.warmup, runs });
    } finally {
      await cell.close?.();
    }
  }
  return measured;
}
