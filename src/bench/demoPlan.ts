import type { BenchGroup } from './benchResult.ts';
import type { Cell } from './measure.ts';

/** What a demo is asked to plan: the sizes, already resolved from flags and defaults. */
export interface DemoSettings {
  readonly tasks: number;
  /** Thread counts (or pool sizes, or UV_THREADPOOL_SIZE values) to try. */
  readonly workers: readonly number[];
  readonly cores: number;
}

export interface PlannedGroup extends BenchGroup {
  /** The best speed-up the workload allows here (see stats.idealSpeedup). */
  readonly ideal: number;
}

/** The cells of a demo, ready to measure, and what to say about them. */
export interface DemoPlan {
  readonly workload: Readonly<Record<string, number | string>>;
  readonly groups: readonly PlannedGroup[];
  readonly cells: readonly Cell[];
  readonly notes?: readonly string[];
  /** Stops whatever the plan started for all cells (a server). */
  dispose?(): Promise<void>;
}

export type PlanDemo = (settings: DemoSettings) => Promise<DemoPlan>;

export function plural(count: number, word: string): string {
  return `${count.toLocaleString('en-US')} ${word}${count === 1 ? '' : 's'}`;
}
