import type { Job } from '../jobs.ts';
import { calibrateSpin } from '../kernels.ts';
import { plural, type DemoPlan, type DemoSettings } from '../demoPlan.ts';
import { idealSpeedup } from '../stats.ts';
import { poolCell, promiseAllCell, sequentialCell, workersCell } from '../strategies.ts';

export const MIXED_WAIT_MS = 40;
export const MIXED_CPU_MS = 20;

/**
 * Both: every task waits MIXED_WAIT_MS, then computes for MIXED_CPU_MS. Promise.all
 * overlaps the waits but not the computing; workers and the pool overlap both.
 */
export async function mixedDemo(settings: DemoSettings): Promise<DemoPlan> {
  const { tasks, cores } = settings;
  const iterations = calibrateSpin(MIXED_CPU_MS);
  const jobs: Job[] = Array.from({ length: tasks }, (_, i) => ({ kind: 'mixed', ms: MIXED_WAIT_MS, iterations, seed: i + 1 }));
  return {
    workload: { waitMs: MIXED_WAIT_MS, cpuMs: MIXED_CPU_MS, iterations, kernel: 'xorshift32' },
    groups: [
      {
        name: 'mixed',
        description: `${plural(tasks, 'task')}, each waits ${MIXED_WAIT_MS} ms, then computes for ~${MIXED_CPU_MS} ms`,
        idealReason: `waits overlapped, computing on ${plural(cores, 'core')}`,
        ideal: idealSpeedup({ tasks, ioMs: MIXED_WAIT_MS, cpuMs: MIXED_CPU_MS }, cores),
      },
    ],
    cells: [
      sequentialCell('mixed', jobs),
      promiseAllCell('mixed', jobs),
      ...settings.workers.map((n) => workersCell('mixed', jobs, n)),
      poolCell('mixed', jobs, cores),
    ],
  };
}
