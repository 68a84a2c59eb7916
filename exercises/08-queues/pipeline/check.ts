import { createRequire, syncBuiltinESMExports } from 'node:module';
import type { Worker, WorkerOptions } from 'node:worker_threads';
import { defineCheck, type Assertions } from 'threadlings/check';
import type * as Exercise from './solution.ts';

/** A consumer thread stays alive this long after its last line (see `watchWorkers`). */
const LINGER_MS = 700;
/**
 * A correct squareAll takes about 0.6 s here (2-core VM, Node 20.20, lingering included),
 * and 2.5 to 3.5 s when the machine is loaded far beyond its two cores.
 */
const DEADLINE_MS = 10_000;
/** How long to watch consumers that were left running, to tell "not joined" from "never stops". */
const AFTERLIFE_MS = 2000;

type WorkerClass = typeof Worker;
const workerThreads = createRequire(import.meta.url)('node:worker_threads') as { Worker: WorkerClass };

interface Census {
  started: number;
  exited: number;
  terminated: number;
}

/**
 * Counts the worker threads the learner's code starts, ends and terminates, by swapping
 * worker_threads.Worker for a subclass (syncBuiltinESMExports makes `import { Worker }`
 * see it). Our 'exit' listener is added in the constructor, before any of theirs, so when
 * their join resolves the count is already up to date. Each thread also lingers LINGER_MS
 * after its last line (a 'beforeExit' timer, preloaded), so returning before the consumers
 * have exited is caught every time, not only when a thread happens to be slow.
 */
function watchWorkers(): { census: Census; restore(): void } {
  const Original = workerThreads.Worker;
  const census: Census = { started: 0, exited: 0, terminated: 0 };
  const linger = `data:text/javascript,${encodeURIComponent(`process.once('beforeExit', () => setTimeout(() => {}, ${LINGER_MS}));`)}`;
  class CountedWorker extends Original {
    constructor(filename: string | URL, options: WorkerOptions = {}) {
      super(filename, options.eval ? options : { ...options, execArgv: [...(options.execArgv ?? process.execArgv), '--import', linger] });
      census.started += 1;
      this.once('exit', () => {
        census.exited += 1;
      });
    }

    override terminate(): Promise<number> {
      census.terminated += 1;
      return super.terminate();
    }
  }
  workerThreads.Worker = CountedWorker;
  syncBuiltinESMExports();
  return {
    census,
    restore() {
      workerThreads.Worker = Original;
      syncBuiltinESMExports();
    },
  };
}

type Outcome =
  | { readonly state: 'resolved'; readonly value: unknown; readonly running: number }
  | { readonly state: 'rejected'; readonly error: unknown }
  | { readonly state: 'pending' };

/** Settles `promise` or gives up after `ms`; a resolved value is copied the moment it resolves. */
async function within(promise: Promise<unknown>, ms: number, census: Census): Promise<Outcome> {
  let timer: NodeJS.Timeout | undefined;
  const settled = promise.then(
    (value): Outcome => ({ state: 'resolved', value: Array.isArray(value) ? [...value] : value, running: census.started - census.exited }),
    (error: unknown): Outcome => ({ state: 'rejected', error }),
  );
  const late = new Promise<Outcome>((resolve) => {
    timer = setTimeout(() => resolve({ state: 'pending' }), ms);
  });
  try {
    return await Promise.race([settled, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Waits up to `ms` for every counted thread to exit; returns how many still run. */
async function runningAfter(census: Census, ms: number): Promise<number> {
  const until = performance.now() + ms;
  while (census.started > census.exited && performance.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
  return census.started - census.exited;
}

/** Differences between the squares of `items` and `got`, as a sentence, or undefined when they match. */
function compareSquares(items: readonly number[], got: readonly unknown[]): string | undefined {
  const left = new Map<unknown, number>();
  for (const item of items) left.set(item * item, (left.get(item * item) ?? 0) + 1);
  const extra: unknown[] = [];
  for (const square of got) {
    const count = left.get(square) ?? 0;
    if (count > 0) left.set(square, count - 1);
    else extra.push(square);
  }
  const missing = [...left].flatMap(([square, count]) => Array<unknown>(count).fill(square));
  const problems: string[] = [];
  if (missing.length > 0) problems.push(`${missing.length} of ${items.length} squares are missing (e.g. ${missing.slice(0, 3).join(', ')}): those items were lost or never processed`);
  const sentinels = extra.filter((x) => x === 1).length;
  if (sentinels > 0) problems.push(`${sentinels} extra square${sentinels > 1 ? 's are' : ' is'} 1, the square of STOP (-1): a consumer processed the sentinel as an item instead of stopping`);
  const others = extra.filter((x) => x !== 1);
  if (others.length > 0) problems.push(`${others.length} square${others.length > 1 ? 's' : ''} came back more than once or were never asked for (e.g. ${others.slice(0, 3).join(', ')}): each item must be taken by exactly one consumer`);
  return problems.length > 0 ? `${problems.join('; ')}.` : undefined;
}

/** Set when a case left consumer threads blocked for good, so later cases do not wait for them again. */
let stuck = false;

async function runPipeline(ex: typeof Exercise, items: readonly number[], consumers: number, t: Assertions): Promise<void> {
  const call = `squareAll(${items.length} items, ${consumers} consumers)`;
  if (stuck) t.fail(`not run: the consumer threads of an earlier case never stopped (fix that case first).`);
  const { census, restore } = watchWorkers();
  try {
    const outcome = await within(ex.squareAll(items, consumers), DEADLINE_MS, census);
    if (outcome.state === 'rejected') throw outcome.error;
    if (outcome.state === 'pending') {
      const running = census.started - census.exited;
      stuck = running > 0;
      t.ok(census.started > 0, `${call} started no worker thread and had not resolved after ${DEADLINE_MS / 1000} s.`);
      t.fail(
        running > 0
          ? `${call} had not resolved after ${DEADLINE_MS / 1000} s, and ${running} of ${census.started} consumer threads were still running: ` +
              'a consumer blocked in get() waits forever unless it takes a sentinel. Put one STOP per consumer after the real items, and leave the loop when you take it.'
          : `${call} had not resolved after ${DEADLINE_MS / 1000} s, although all ${census.started} consumer threads had exited: resolve once every consumer's 'exit' has fired.`,
      );
    }
    const { value, running } = outcome;
    if (!Array.isArray(value)) t.fail(`${call} resolved with ${typeof value}, not an array of squares.`);
    t.ok(census.started === consumers, `${call} started ${census.started} worker threads: start exactly one consumer thread per consumer.`);
    t.ok(
      census.terminated === 0,
      `${call} stopped its consumers with terminate(): that kills a thread wherever it is. Send each consumer a sentinel so it leaves its loop and ends by itself.`,
    );
    if (running > 0) {
      const squares = value.length === items.length ? '' : ` (it had ${value.length} of ${items.length} squares)`;
      const forever = await runningAfter(census, AFTERLIFE_MS);
      stuck = forever > 0;
      t.fail(
        `${call} resolved while ${running} of ${census.started} consumer threads were still running${squares}: it returned before the consumers finished. ` +
          `Wait for every consumer's 'exit' event (the join) before resolving.` +
          (forever > 0 ? ` And ${(AFTERLIFE_MS / 1000).toFixed(0)} s later ${forever} were still blocked in get(): each consumer also needs a sentinel (one STOP per consumer, after the items).` : ''),
      );
    }
    const problem = compareSquares(items, value);
    t.ok(problem === undefined, `${call}: ${problem ?? ''}`);
  } finally {
    restore();
  }
}

export default defineCheck<typeof Exercise>({
  exports: ['squareAll'],
  cases: [
    {
      name: '3 consumers square 40 items, each exactly once, and are joined',
      async run(ex, t: Assertions) {
        // Distinct items >= 2, so no square can be mistaken for the square of STOP (-1).
        const items = Array.from({ length: 40 }, (_, i) => 2 + ((i * 17) % 40));
        await runPipeline(ex, items, 3, t);
      },
    },
    {
      name: 'every consumer stops, even with more consumers than items',
      async run(ex, t: Assertions) {
        await runPipeline(ex, [7, 3], 4, t);
      },
    },
  ],
});
