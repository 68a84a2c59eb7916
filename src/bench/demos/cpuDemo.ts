import type { Job } from '../jobs.ts';
import { calibrateSpin } from '../kernels.ts';
import { plural, type DemoPlan, type DemoSettings } from '../demoPlan.ts';
import { idealSpeedup } from '../stats.ts';
import { poolCell, promiseAllCell, sequentialCell, workersCell } from '../strategies.ts';

export const CPU_TASK_MS = 25;

/**
 * CPU-bound: every task runs the pure-JS kernel for about CPU_TASK_MS. One thread computes
 * one task at a time however the tasks are scheduled (Promise.all is no faster: the GIL
 * analogue); worker threads run on separate cores, up to the number of cores.
 */
export async function cpuDemo(settings: DemoSettings): Promise<DemoPlan> {
  const { tasks, cores } = settings;
  const iterations = calibrateSpin(CPU_TASK_MS);
  const jobs: Job[] = Array.from({ length: tasks }, (_, i) => ({ kind: 'spin', iterations, seed: i + 1 }));
  return {
    workload: { taskMs: CPU_TASK_MS, iterations, kernel: 'xorshift32' },
    groups: [
      {
        name: 'cpu',
        description: `${plural(tasks, 'task')} of ~${CPU_TASK_MS} ms of computing (${iterations.toLocaleString('en-US')} kernel steps each)`,
        idealReason: `${plural(cores, 'core')}`,
        ideal: idealSpeedup({ tasks, ioMs: 0, cpuMs: CPU_TASK_MS }, cores),
      },
    ],
    cells: [
      sequentialCell('cpu', jobs),
      promiseAllCell('cpu', jobs),
      ...settings.workers.map((n) => workersCell('cpu', jobs, n)),
      poolCell('cpu', jobs, cores),
    ],
  };
}
