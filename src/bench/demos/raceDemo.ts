import { setImmediate as nextTurn } from 'node:timers/promises';
import type { BenchRun } from '../benchResult.ts';
import { RACE_SLOTS, runJob, type Job, type RaceMethod } from '../jobs.ts';
import type { Cell } from '../measure.ts';
import { plural, type DemoPlan, type DemoSettings } from '../demoPlan.ts';
import { median } from '../stats.ts';
import { mainThreadDeps, taskModuleUrl } from '../taskModule.ts';
import { WorkerTeam } from '../workerTeam.ts';

const LABELS: Record<RaceMethod, string> = {
  plain: 'counter++ (no lock)',
  atomics: 'Atomics.add',
  mutex: 'mutex (Atomics lock)',
};

function raceJob(method: RaceMethod, buffer: SharedArrayBuffer, increments: number): Job {
  return { kind: 'race', method, buffer, slots: RACE_SLOTS, increments };
}

/** The counter of one run: a fresh shared buffer, with the start flag already up or not. */
function freshCells(open: boolean): { buffer: SharedArrayBuffer; cells: Int32Array } {
  const buffer = new SharedArrayBuffer(4 * Int32Array.BYTES_PER_ELEMENT);
  const cells = new Int32Array(buffer);
  if (open) cells[RACE_SLOTS.go] = 1;
  return { buffer, cells };
}

function lostNote(total: number, runs: readonly BenchRun[]): string {
  const lost = runs.map((run) => run.lostUpdates ?? 0);
  if (lost.every((n) => n === 0)) return 'no lost updates';
  const pct = (n: number): string => `${((100 * n) / total).toFixed(n * 1000 < total ? 2 : 0)}%`;
  const [low, high] = [pct(Math.min(...lost)), pct(Math.max(...lost))];
  return `lost ${pct(median(lost))} of updates${low === high ? '' : ` (${low}-${high})`}`;
}

/** Baseline: one thread, no sharing, so nothing can be lost. */
function sequentialRace(total: number): Cell {
  return {
    group: 'race',
    strategy: 'sequential',
    label: 'sequential (one thread)',
    workers: 1,
    run: async () => {
      const { buffer, cells } = freshCells(true);
      const started = performance.now();
      runJob(raceJob('plain', buffer, total), mainThreadDeps);
      const ms = performance.now() - started;
      return { ms, lostUpdates: total - (cells[RACE_SLOTS.counter] ?? 0) };
    },
    note: (runs) => lostNote(total, runs),
  };
}

function racingCell(method: RaceMethod, workers: number, total: number): Cell {
  let team: WorkerTeam | undefined;
  const share = Math.floor(total / workers);
  const expected = share * workers;
  return {
    group: 'race',
    strategy: method,
    label: LABELS[method],
    workers,
    open: async () => {
      team = await WorkerTeam.start(workers, taskModuleUrl());
    },
    run: async () => {
      const { buffer, cells } = freshCells(false);
      const done = team?.run(Array.from({ length: workers }, () => [raceJob(method, buffer, share)]));
      // Every racer waits at the barrier; start the clock and let them all go at once.
      while (Atomics.load(cells, RACE_SLOTS.ready) < workers) await nextTurn();
      const started = performance.now();
      Atomics.store(cells, RACE_SLOTS.go, 1);
      Atomics.notify(cells, RACE_SLOTS.go);
      await done;
      const ms = performance.now() - started;
      return { ms, lostUpdates: expected - (cells[RACE_SLOTS.counter] ?? 0) };
    },
    close: async () => {
      await team?.close();
      team = undefined;
    },
    note: (runs) => lostNote(expected, runs),
  };
}

/**
 * Shared memory: N workers add to one counter in a SharedArrayBuffer, `tasks` increments
 * in all. Plain `counter++` is a read and a write: racing threads overwrite each other's
 * updates. Atomics.add and a mutex are correct, and show what correctness costs.
 */
export async function raceDemo(settings: DemoSettings): Promise<DemoPlan> {
  const { tasks: total, cores } = settings;
  const methods: RaceMethod[] = ['plain', 'atomics', 'mutex'];
  return {
    workload: { increments: total, counter: 'Int32Array over a SharedArrayBuffer', mutex: 'three-state futex lock (src/bench/atomicsMutex.ts)' },
    groups: [
      {
        name: 'race',
        description: `${plural(total, 'increment')} of one shared counter, split across the workers`,
        idealReason: plural(cores, 'core'),
        ideal: Math.min(cores, total),
      },
    ],
    cells: [sequentialRace(total), ...settings.workers.flatMap((n) => methods.map((method) => racingCell(method, n, total)))],
    notes: ['The racers start together at a barrier; the clock runs from the start signal to the last racer done.'],
  };
}
