import type { Job } from '../jobs.ts';
import type { Cell } from '../measure.ts';
import { plural, type DemoPlan, type DemoSettings, type PlannedGroup } from '../demoPlan.ts';
import { startSlowServer } from '../localServer.ts';
import { idealSpeedup } from '../stats.ts';
import { poolCell, promiseAllCell, sequentialCell, workersCell } from '../strategies.ts';

export const IO_WAIT_MS = 100;

function cellsFor(group: string, jobs: readonly Job[], settings: DemoSettings): Cell[] {
  return [
    sequentialCell(group, jobs),
    promiseAllCell(group, jobs),
    ...settings.workers.map((n) => workersCell(group, jobs, n)),
    poolCell(group, jobs, settings.cores),
  ];
}

/**
 * I/O-bound: every task only waits, on a timer or on a real local HTTP server. Waiting
 * costs no CPU, so one event loop overlaps all of it, like asyncio (or like Python threads,
 * which drop the GIL while they wait); more threads add nothing but start-up.
 */
export async function ioDemo(settings: DemoSettings): Promise<DemoPlan> {
  const { tasks, cores } = settings;
  const server = await startSlowServer(IO_WAIT_MS);
  const ideal = idealSpeedup({ tasks, ioMs: IO_WAIT_MS, cpuMs: 0 }, cores);
  const idealReason = `full overlap of ${plural(tasks, 'task')}`;
  const groups: PlannedGroup[] = [
    { name: 'timers', description: `${plural(tasks, 'task')}, each waits ${IO_WAIT_MS} ms on a timer`, idealReason, ideal },
    { name: 'http', description: `${plural(tasks, 'task')}, each a GET to a local server that answers after ${IO_WAIT_MS} ms`, idealReason, ideal },
  ];
  const timers: Job[] = Array.from({ length: tasks }, () => ({ kind: 'sleep', ms: IO_WAIT_MS }));
  const requests: Job[] = Array.from({ length: tasks }, () => ({ kind: 'http', url: server.url }));
  return {
    workload: { waitMs: IO_WAIT_MS, server: '127.0.0.1 (a free port)' },
    groups,
    cells: [...cellsFor('timers', timers, settings), ...cellsFor('http', requests, settings)],
    notes: ['Each worker and the pool overlap the waits of the tasks they hold, on their own event loops.'],
    dispose: () => server.close(),
  };
}
