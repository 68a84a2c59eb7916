/** The statistics of the timing lab: small, pure and unit-tested. */

/** The middle value (the mean of the two middle values for an even count); NaN when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? Number.NaN;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? upper) + upper) / 2;
}

export interface Spread {
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
}

/** Median, min and max of a cell's timed runs. */
export function spread(values: readonly number[]): Spread {
  if (values.length === 0) return { medianMs: Number.NaN, minMs: Number.NaN, maxMs: Number.NaN };
  return { medianMs: median(values), minMs: Math.min(...values), maxMs: Math.max(...values) };
}

/** How many times faster than the baseline: baseline / time. */
export function speedup(baselineMs: number, ms: number): number {
  return ms > 0 && Number.isFinite(baselineMs) ? baselineMs / ms : Number.NaN;
}

/** The share of the ideal speed-up reached, 0..1 (above 1 only through noise). */
export function efficiency(measuredSpeedup: number, idealSpeedup: number): number {
  return idealSpeedup > 0 ? measuredSpeedup / idealSpeedup : Number.NaN;
}

/** A workload of `tasks` equal tasks, each waiting `ioMs` and then computing for `cpuMs`. */
export interface WorkloadShape {
  readonly tasks: number;
  readonly ioMs: number;
  readonly cpuMs: number;
}

/**
 * The best speed-up any strategy can reach on `cores` cores: every wait overlaps (full
 * overlap, for the I/O part) and the computing is shared out over the cores, task by
 * task (for the CPU part), so the wall time cannot drop below
 * `ioMs + ceil(tasks / cores) * cpuMs`. Pure CPU: min(cores, tasks); pure I/O: tasks.
 */
export function idealSpeedup(shape: WorkloadShape, cores: number): number {
  const { tasks, ioMs, cpuMs } = shape;
  if (tasks <= 0 || ioMs + cpuMs <= 0) return 1;
  const sequential = tasks * (ioMs + cpuMs);
  const best = (ioMs > 0 ? ioMs : 0) + Math.ceil(tasks / Math.max(1, cores)) * cpuMs;
  return sequential / best;
}
