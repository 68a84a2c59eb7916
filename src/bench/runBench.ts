import { BENCH_SCHEMA, type BenchResult } from './benchResult.ts';
import { buildResults, rowFromMeasured, type RowInput } from './buildResults.ts';
import type { DemoInfo } from './demoCatalog.ts';
import type { DemoSettings } from './demoPlan.ts';
import { describeMachine } from './machine.ts';
import { measureCells, type Progress } from './measure.ts';
import { runPythonBench } from './python.ts';

export interface BenchOptions {
  readonly demo: DemoInfo;
  /** Defaults come from the demo. */
  readonly tasks?: number;
  readonly workers?: readonly number[];
  readonly runs: number;
  readonly warmup: number;
  readonly python: boolean;
  /** One line about what is running now, for a spinner. */
  readonly onProgress?: (text: string) => void;
}

function describeProgress(demo: string, { cell, done, total, label }: Progress): string {
  const threads = cell.workers > 1 || cell.strategy === 'workers' ? ` ×${cell.workers}` : '';
  return `bench ${demo} [${done + 1}/${total}] ${cell.group} · ${cell.label}${threads} · ${label}`;
}

/** Plans the demo, measures every cell (and the Python twin if asked), and compares. */
export async function runBench(options: BenchOptions): Promise<BenchResult> {
  const { demo, runs, warmup } = options;
  const startedAt = new Date();
  const machine = describeMachine();
  const settings: DemoSettings = {
    tasks: options.tasks ?? demo.defaultTasks,
    workers: options.workers ?? demo.defaultWorkers(machine.cores),
    cores: machine.cores,
  };
  options.onProgress?.(`bench ${demo.id}: preparing`);
  const plan = await (await demo.load())(settings);
  const rows: RowInput[] = [];
  try {
    const measured = await measureCells(plan.cells, { warmup, runs, onProgress: (p) => options.onProgress?.(describeProgress(demo.id, p)) });
    rows.push(...measured.map(rowFromMeasured));
  } finally {
    await plan.dispose?.();
  }
  const groups = [...plan.groups];
  const notes = [...(plan.notes ?? [])];
  let python: BenchResult['python'];
  if (options.python && !demo.python) {
    notes.push(`No Python comparison for the ${demo.id} demo (there is one for io and cpu).`);
  } else if (options.python && demo.python) {
    options.onProgress?.(`bench ${demo.id}: running the Python version (python3 ${demo.python.script})`);
    const first = plan.groups[0];
    const outcome = await runPythonBench({ ...demo.python, tasks: settings.tasks, runs, warmup, workers: settings.workers, cores: machine.cores });
    if (outcome.ok && first) {
      python = { version: outcome.version, gil: outcome.gil };
      rows.push(...outcome.rows);
      groups.push({
        ...first,
        name: 'python',
        description: `the same workload in Python ${outcome.version} (GIL ${outcome.gil ? 'on' : 'off'}); speed-ups against Python's sequential run`,
      });
    } else if (!outcome.ok) {
      notes.push(outcome.note);
    }
  }
  return {
    schema: BENCH_SCHEMA,
    demo: demo.id,
    title: demo.title,
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    machine,
    settings: { tasks: settings.tasks, runs, warmup, workers: [...settings.workers], python: options.python },
    workload: plan.workload,
    groups: groups.map(({ name, description, idealReason }) => ({ name, description, idealReason })),
    results: buildResults(rows, new Map(groups.map((g) => [g.name, g.ideal]))),
    notes,
    ...(python ? { python } : {}),
  };
}
