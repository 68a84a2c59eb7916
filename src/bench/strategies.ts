import type { BenchRun } from './benchResult.ts';
import { median } from './stats.ts';
import { runJob, type Job } from './jobs.ts';
import { timed, type Cell } from './measure.ts';
import { ReferencePool } from './referencePool.ts';
import { mainThreadDeps, taskModuleUrl } from './taskModule.ts';
import { splitShares, WorkerTeam } from './workerTeam.ts';

/**
 * The strategies every demo shares, as cells over a list of jobs. Jobs that wait (timers,
 * HTTP) overlap wherever they can: inside Promise.all, inside each worker, inside the pool.
 */

/** One job after another on the main thread: the baseline. */
export function sequentialCell(group: string, jobs: readonly Job[]): Cell {
  return {
    group,
    strategy: 'sequential',
    label: 'sequential',
    workers: 1,
    run: async () => ({
      ms: await timed(async () => {
        for (const job of jobs) await runJob(job, mainThreadDeps);
      }),
    }),
  };
}

/** Every job started at once on the main thread: the event loop overlaps waits, never computing (the GIL analogue). */
export function promiseAllCell(group: string, jobs: readonly Job[]): Cell {
  return {
    group,
    strategy: 'promise-all',
    label: 'Promise.all (main thread)',
    workers: 1,
    run: async () => ({ ms: await timed(() => Promise.all(jobs.map(async (job) => runJob(job, mainThreadDeps)))) }),
  };
}

/** N worker threads, each given its share of the jobs up front. */
export function workersCell(group: string, jobs: readonly Job[], workers: number): Cell {
  let team: WorkerTeam | undefined;
  const shares = splitShares(jobs, workers);
  return {
    group,
    strategy: 'workers',
    label: 'worker threads',
    workers,
    open: async () => {
      team = await WorkerTeam.start(workers, taskModuleUrl());
    },
    run: async (): Promise<BenchRun> => ({ ms: await timed(() => team?.run(shares)) }),
    close: async () => {
      await team?.close();
      team = undefined;
    },
  };
}

/** The reference pool (src/bench/referencePool.ts): jobs queue up and go out in batches. */
export function poolCell(group: string, jobs: readonly Job[], size: number): Cell {
  let pool: ReferencePool<Job, number> | undefined;
  return {
    group,
    strategy: 'pool',
    label: 'reference pool',
    workers: size,
    open: async () => {
      pool = await ReferencePool.start<Job, number>({ taskModule: taskModuleUrl(), size });
    },
    run: async () => ({ ms: await timed(() => Promise.all(jobs.map((job) => pool?.run(job)))) }),
    close: async () => {
      await pool?.destroy();
      pool = undefined;
    },
  };
}

/** Tasks per second, for the table's note. */
export function throughputNote(tasks: number, runs: readonly BenchRun[]): string | undefined {
  const middle = median(runs.map((run) => run.ms));
  if (!(middle > 0)) return undefined;
  return `${Math.round((tasks * 1000) / middle).toLocaleString('en-US')} tasks/s`;
}
