import type { Worker } from 'node:worker_threads';
import type { Piscina } from 'piscina';
import { mapLimited } from '../../grader/mapLimited.ts';
import type { Job } from '../jobs.ts';
import { calibrateSpin } from '../kernels.ts';
import { timed, type Cell } from '../measure.ts';
import { plural, type DemoPlan, type DemoSettings } from '../demoPlan.ts';
import { taskModuleUrl, writeTaskModule } from '../taskModule.ts';
import { poolCell, sequentialCell, throughputNote } from '../strategies.ts';
import { spawnHarness, type HarnessReply } from '../workerHarness.ts';

/** About how long one tiny task computes: far less than starting a thread (~20-50 ms). */
export const TINY_TASK_MS = 0.005;

/** Start a worker, give it one task, let it end: what a pool saves. */
async function oneShot(job: Job): Promise<void> {
  const worker: Worker = await spawnHarness(taskModuleUrl());
  const exited = new Promise((resolve) => worker.once('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    worker.once('message', (reply: HarnessReply) => (reply.type === 'results' && reply.errors.length === 0 ? resolve() : reject(new Error('task failed'))));
    worker.once('error', reject);
    worker.postMessage({ id: 0, tasks: [job], exit: true });
  });
  await exited;
}

/** A new worker per task, `cores` at a time, on a sample of the tasks; times are scaled up to all of them. */
function workerPerTaskCell(jobs: readonly Job[], cores: number): Cell {
  const sample = jobs.slice(0, Math.min(jobs.length, 16 * cores));
  const scale = jobs.length / Math.max(1, sample.length);
  return {
    group: 'tiny',
    strategy: 'worker-per-task',
    label: 'new worker per task',
    workers: cores,
    run: async () => {
      const measuredMs = await timed(() => mapLimited(sample, cores, oneShot));
      return { ms: measuredMs * scale, measuredMs, measuredTasks: sample.length };
    },
    note: () => (scale > 1 ? `timed on ${plural(sample.length, 'task')}, scaled ×${Math.round(scale)}` : undefined),
  };
}

/** piscina with the same task module (from a temp file: piscina loads tasks from files). */
function piscinaCell(jobs: readonly Job[], size: number): Cell {
  let pool: Piscina<Job, number> | undefined;
  let module: ReturnType<typeof writeTaskModule> | undefined;
  return {
    group: 'tiny',
    strategy: 'piscina',
    label: 'piscina',
    workers: size,
    open: async () => {
      const { Piscina } = await import('piscina');
      module = writeTaskModule();
      pool = new Piscina<Job, number>({ filename: module.url, minThreads: size, maxThreads: size, idleTimeout: 60_000 });
      await Promise.all(jobs.slice(0, 4 * size).map((job) => pool?.run(job))); // threads up and the module loaded
    },
    run: async () => ({ ms: await timed(() => Promise.all(jobs.map((job) => pool?.run(job)))) }),
    close: async () => {
      await pool?.destroy();
      module?.remove();
      pool = undefined;
    },
    note: (runs) => throughputNote(jobs.length, runs),
  };
}

/**
 * Many tiny tasks: what a thread pool is for. Starting a worker per task costs far more
 * than the task; a pool starts its threads once. The reference pool (src/bench/
 * referencePool.ts) also batches tasks into few messages; piscina is the library to use.
 */
export async function poolDemo(settings: DemoSettings): Promise<DemoPlan> {
  const { tasks, cores } = settings;
  const iterations = calibrateSpin(TINY_TASK_MS);
  const jobs: Job[] = Array.from({ length: tasks }, (_, i) => ({ kind: 'spin', iterations, seed: i + 1 }));
  const sizes = settings.workers;
  const withNote = (cell: Cell): Cell => ({ ...cell, note: (runs) => throughputNote(tasks, runs) });
  return {
    workload: { taskMs: TINY_TASK_MS, iterations, kernel: 'xorshift32' },
    groups: [
      {
        name: 'tiny',
        description: `${plural(tasks, 'tiny task')} of ~${TINY_TASK_MS * 1000} µs of computing each`,
        idealReason: plural(cores, 'core'),
        ideal: Math.min(cores, tasks),
      },
    ],
    cells: [
      withNote(sequentialCell('tiny', jobs)),
      workerPerTaskCell(jobs, cores),
      ...sizes.flatMap((size) => [withNote(poolCell('tiny', jobs, size)), piscinaCell(jobs, size)]),
    ],
    notes: ['Pools start their threads before the clock; "new worker per task" pays a start-up per task.'],
  };
}
