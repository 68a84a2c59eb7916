import { usageError } from '../cli/exitError.ts';
import { suggest } from '../course/resolveId.ts';
import type { DemoId } from './benchResult.ts';
import type { PlanDemo } from './demoPlan.ts';
import { defaultWorkerCounts } from './machine.ts';

/** A demo of the timing lab, as the list shows it; its code loads only when it runs. */
export interface DemoInfo {
  readonly id: DemoId;
  readonly title: string;
  /** One line for the list. */
  readonly summary: string;
  readonly defaultTasks: number;
  /** What --tasks counts. */
  readonly tasksAre: string;
  /** The Python twin (bench/python/<script>) and its per-task milliseconds, if there is one. */
  readonly python?: { readonly script: string; readonly ms: number };
  defaultWorkers(cores: number): number[];
  load(): Promise<PlanDemo>;
}

export const DEMOS: readonly DemoInfo[] = [
  {
    id: 'io',
    title: 'I/O-bound: waiting overlaps on one thread',
    summary: '16 tasks that wait 100 ms (timers, and a local HTTP server): the event loop overlaps them all',
    defaultTasks: 16,
    tasksAre: 'tasks',
    python: { script: 'io_bench.py', ms: 100 },
    defaultWorkers: defaultWorkerCounts,
    load: async () => (await import('./demos/ioDemo.ts')).ioDemo,
  },
  {
    id: 'cpu',
    title: 'CPU-bound: only threads on more cores go faster',
    summary: '16 tasks of 25 ms of pure-JS computing: Promise.all stays at 1x, workers scale with the cores',
    defaultTasks: 16,
    tasksAre: 'tasks',
    python: { script: 'cpu_bench.py', ms: 25 },
    defaultWorkers: defaultWorkerCounts,
    load: async () => (await import('./demos/cpuDemo.ts')).cpuDemo,
  },
  {
    id: 'mixed',
    title: 'Mixed: wait, then compute',
    summary: '16 tasks that wait 40 ms, then compute 20 ms: overlap the waits and share the computing',
    defaultTasks: 16,
    tasksAre: 'tasks',
    defaultWorkers: defaultWorkerCounts,
    load: async () => (await import('./demos/mixedDemo.ts')).mixedDemo,
  },
  {
    id: 'race',
    title: 'Races: lost updates, and what correctness costs',
    summary: 'workers add to one shared counter: counter++ loses updates, Atomics.add and a mutex do not',
    defaultTasks: 8_000_000,
    tasksAre: 'increments in all',
    defaultWorkers: defaultWorkerCounts,
    load: async () => (await import('./demos/raceDemo.ts')).raceDemo,
  },
  {
    id: 'pool',
    title: 'Pools: many tiny tasks',
    summary: '20,000 tiny tasks: a new worker per task vs the reference pool vs piscina',
    defaultTasks: 20_000,
    tasksAre: 'tiny tasks',
    defaultWorkers: (cores) => [cores],
    load: async () => (await import('./demos/poolDemo.ts')).poolDemo,
  },
  {
    id: 'threadpool',
    title: "libuv's threadpool: crypto.pbkdf2 at UV_THREADPOOL_SIZE 1, 2, 4",
    summary: "8 crypto.pbkdf2 calls under UV_THREADPOOL_SIZE 1, 2, 4 (a child process each): Node's hidden threads",
    defaultTasks: 8,
    tasksAre: 'pbkdf2 calls',
    defaultWorkers: () => [1, 2, 4],
    load: async () => (await import('./demos/threadpoolDemo.ts')).threadpoolDemo,
  },
];

/** A demo by id or unique prefix; a usage error with a suggestion otherwise. */
export function findDemo(input: string): DemoInfo {
  const id = input.trim().toLowerCase();
  const exact = DEMOS.find((demo) => demo.id === id);
  if (exact) return exact;
  const prefixed = DEMOS.filter((demo) => id.length > 0 && demo.id.startsWith(id));
  if (prefixed.length === 1 && prefixed[0]) return prefixed[0];
  const guess = suggest(id, DEMOS.map((demo) => demo.id));
  const tip = guess ? ` Did you mean "${guess}"?` : '';
  const what = prefixed.length > 1 ? `"${input}" matches more than one demo (${prefixed.map((d) => d.id).join(', ')}).` : `Unknown demo "${input}".`;
  throw usageError(`${what}${tip} Run \`threadlings bench\` to see the demos.`);
}
