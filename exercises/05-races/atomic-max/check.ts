import { Worker, parentPort, workerData } from 'node:worker_threads';
import { CheckFailure, defineCheck, repeatRuns } from 'threadlings/check';
import type * as Exercise from './solution.ts';

/**
 * The check runs `atomicMax` in 4 worker threads of its own (this file, started with a
 * role), which load the learner's file through its `moduleUrl`. In each round the
 * workers wait at a start gate, then for WINDOW_MS take tickets 0, 1, 2, ... from a
 * shared atomic counter; the ticket says which cell to raise and to what value, so the
 * workers move together from cell to cell and every cell gets its values from several
 * threads at nearly the same moment. It must end at the largest of them. Tickets come
 * in periods: RISE rising values for one cell, then FALLS cells of two falling values.
 * - Check-then-store: a worker paused by the scheduler between its check and its store
 *   in a rising cell overwrites the maximum that the others stored meanwhile; with two
 *   workers running at once, the same happens within nanoseconds in any cell.
 * - A compareExchange without a retry: the worker holding a falling pair's maximum
 *   loses it when the smaller value lands between its load and its exchange.
 * RUNS rounds always run, so that a failure says in how many a maximum was lost. A correct
 * atomicMax can never end a cell below its largest value, nor leave it below the value just given.
 */
const ROLE = 'threadlings:races/atomic-max';
const WORKERS = 4;
const WINDOW_MS = 40;
const RUNS = 20;
/** How often the ticker wakes up (see Crew). */
const TICK_MS = 0.1;
/** Tickets come in periods: RISE rising values for one cell, then FALLS cells of 2 falling values each. */
const RISE = 32;
const FALLS = 8;
const PERIOD = RISE + 2 * FALLS;
const CELLS_PER_PERIOD = 1 + FALLS;
const CELLS = CELLS_PER_PERIOD << 16;
const CAPACITY = (CELLS / CELLS_PER_PERIOD) * PERIOD;
// Control cells, each on its own 64-byte cache line.
const GO = 0;
const STOP = 16;
const TICKET = 32;
const QUIT = 48;

interface HammerData {
  readonly role: string;
  readonly ticker?: boolean;
  readonly moduleUrl: string;
  readonly cells: SharedArrayBuffer;
  readonly control: SharedArrayBuffer;
}

interface Report {
  readonly calls: number;
  /** Times this worker read a cell below the value it had just given it. */
  readonly drops: number;
}

/** The cell that ticket t raises: a period's rising tickets go to its first cell, then two to each next cell. */
function cellOf(ticket: number): number {
  const step = ticket % PERIOD;
  const first = Math.floor(ticket / PERIOD) * CELLS_PER_PERIOD;
  return step < RISE ? first : first + 1 + ((step - RISE) >> 1);
}

/** The value that ticket t gives its cell: 1, 2, ... RISE in a rising cell; 2, then 1 in a falling one. */
function valueOf(ticket: number): number {
  const step = ticket % PERIOD;
  return step < RISE ? step + 1 : 2 - ((step - RISE) & 1);
}

/** A worker of the check: waits at the gate each round, then calls atomicMax until told to stop. */
async function hammer(data: HammerData): Promise<void> {
  const port = parentPort;
  if (!port) return;
  if (data.ticker) {
    const control = new Int32Array(data.control);
    while (Atomics.load(control, QUIT) === 0) Atomics.wait(control, QUIT, 0, TICK_MS);
    return;
  }
  const ex = (await import(data.moduleUrl)) as typeof Exercise;
  const cells = new Int32Array(data.cells);
  const control = new Int32Array(data.control);
  port.on('message', (round: number) => {
    port.postMessage('ready');
    Atomics.wait(control, GO, round - 1);
    let calls = 0;
    let drops = 0;
    let ticket = 0;
    while (ticket < CAPACITY && (calls % 16 !== 0 || Atomics.load(control, STOP) !== round)) {
      ticket = Atomics.add(control, TICKET, 1);
      if (ticket >= CAPACITY) break;
      const cell = cellOf(ticket);
      const value = valueOf(ticket);
      ex.atomicMax(cells, cell, value);
      calls++;
      if (Atomics.load(cells, cell) < value) drops++;
    }
    port.postMessage({ calls, drops } satisfies Report);
  });
  port.postMessage('loaded');
}

if ((workerData as HammerData | undefined)?.role === ROLE) await hammer(workerData as HammerData);

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const count = (n: number): string => n.toLocaleString('en-US');

/** The check's workers, driven round by round from the grading thread. */
class Crew {
  readonly cells = new Int32Array(new SharedArrayBuffer(4 * CELLS));
  readonly control = new Int32Array(new SharedArrayBuffer(64 * 4));
  /**
   * A fifth thread that wakes up every TICK_MS and sleeps again at once. Each wake-up
   * makes the scheduler switch threads, so a worker is often paused inside atomicMax,
   * which is what a check-then-store needs to lose a maximum on a busy or 1-core
   * machine, where workers seldom run at the same moment.
   */
  private readonly ticker: Worker;
  private readonly workers: Worker[];

  constructor(moduleUrl: string) {
    const data: HammerData = { role: ROLE, moduleUrl, cells: this.cells.buffer as SharedArrayBuffer, control: this.control.buffer as SharedArrayBuffer };
    this.workers = Array.from({ length: WORKERS }, () => new Worker(new URL(import.meta.url), { workerData: data }));
    this.ticker = new Worker(new URL(import.meta.url), { workerData: { ...data, ticker: true } });
  }

  /** One message from every worker, or the first error (a crash in atomicMax) or early exit. */
  private fromEach<T>(): Promise<T[]> {
    return Promise.all(
      this.workers.map(
        (worker) =>
          new Promise<T>((resolve, reject) => {
            const cleanup = (): void => {
              worker.off('message', onMessage).off('error', onError).off('exit', onExit);
            };
            const onMessage = (message: T): void => (cleanup(), resolve(message));
            const onError = (error: Error): void => (cleanup(), reject(error));
            const onExit = (code: number): void => (cleanup(), reject(new Error(`a worker running atomicMax exited (code ${code})`)));
            worker.on('message', onMessage).on('error', onError).on('exit', onExit);
          }),
      ),
    );
  }

  loaded(): Promise<unknown[]> {
    return this.fromEach();
  }

  /** Runs one round; returns each worker's report. */
  async round(round: number): Promise<Report[]> {
    this.cells.fill(0);
    Atomics.store(this.control, TICKET, 0);
    const ready = this.fromEach<string>();
    for (const worker of this.workers) worker.postMessage(round);
    await ready;
    const done = this.fromEach<Report>();
    Atomics.store(this.control, GO, round);
    Atomics.notify(this.control, GO);
    await sleep(WINDOW_MS);
    Atomics.store(this.control, STOP, round);
    return done;
  }

  /** Compares every cell used in the last round with the largest value it was given. */
  verify(): { used: number; wrong: number; example: string } {
    const tickets = Math.min(Atomics.load(this.control, TICKET), CAPACITY);
    const expected = new Int32Array(CELLS);
    for (let ticket = 0; ticket < tickets; ticket++) {
      const cell = cellOf(ticket);
      expected[cell] = Math.max(expected[cell] ?? 0, valueOf(ticket));
    }
    const used = tickets === 0 ? 0 : cellOf(tickets - 1) + 1;
    let wrong = 0;
    let example = '';
    for (let cell = 0; cell < used; cell++) {
      const got = this.cells[cell] ?? 0;
      if (got !== expected[cell]) {
        if (wrong === 0) example = ` (cell ${cell} holds ${got}, not ${expected[cell]})`;
        wrong++;
      }
    }
    return { used, wrong, example };
  }

  async close(): Promise<void> {
    Atomics.store(this.control, QUIT, 1);
    Atomics.notify(this.control, QUIT);
    await Promise.all([...this.workers, this.ticker].map((worker) => worker.terminate()));
  }
}

const cellsOf = (values: readonly number[]): Int32Array => {
  const cells = new Int32Array(new SharedArrayBuffer(4 * values.length));
  cells.set(values);
  return cells;
};

export default defineCheck<typeof Exercise>({
  exports: ['atomicMax', 'moduleUrl'],
  cases: [
    {
      name: 'keeps the larger value on one thread, negatives included',
      run(ex, t) {
        const cells = cellsOf([5, -3, 0, 8]);
        ex.atomicMax(cells, 1, -7);
        t.equal([...cells], [5, -3, 0, 8], 'cells [5, -3, 0, 8] after atomicMax(cells, 1, -7)');
        ex.atomicMax(cells, 1, 2);
        t.equal([...cells], [5, 2, 0, 8], 'then after atomicMax(cells, 1, 2)');
        ex.atomicMax(cells, 3, 8);
        ex.atomicMax(cells, 0, 6);
        t.equal([...cells], [6, 2, 0, 8], 'then after atomicMax(cells, 3, 8) and atomicMax(cells, 0, 6)');
      },
    },
    {
      name: `never lowers the maximum with ${WORKERS} worker threads calling it at once`,
      async run(ex) {
        const crew = new Crew(ex.moduleUrl);
        try {
          await crew.loaded();
          let example = '';
          const stats = await repeatRuns(RUNS, async (run) => {
            const reports = await crew.round(run);
            const drops = reports.reduce((sum, r) => sum + r.drops, 0);
            const calls = reports.reduce((sum, r) => sum + r.calls, 0);
            const cells = crew.verify();
            if (cells.wrong > 0 && !example) example = cells.example;
            return { updates: calls, lost: drops, failed: cells.wrong > 0 || drops > 0, ...cells };
          });
          const wrong = stats.tallies.reduce((sum, r) => sum + r.wrong, 0);
          const used = stats.tallies.reduce((sum, r) => sum + r.used, 0);
          if (stats.failedRuns > 0) {
            const message =
              `the maximum went down in ${stats.failedRuns} of ${stats.runs} runs: ${count(wrong)} of ${count(used)} cells ended below the largest value given to them` +
              `${example}, and ${count(stats.lost)} of ${count(stats.updates)} calls read the cell back below the value they had just given it. ` +
              'Checking the cell and then storing are two steps: another thread can store a larger value in between, ' +
              'and your store then overwrites it with a smaller one. Use Atomics.compareExchange in a loop.';
            throw new CheckFailure(message, 'wrong-result', stats); // with the race statistics
          }
        } finally {
          await crew.close();
        }
      },
    },
  ],
});
