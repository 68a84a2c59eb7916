import { Worker, parentPort, workerData } from 'node:worker_threads';
import { defineCheck, type Assertions } from 'threadlings/check';
import type * as Exercise from './solution.ts';

/**
 * Two threaded cases, both with worker threads of the check's own (this file, started with
 * a role) that load the learner's file through its `moduleUrl`.
 *
 * The forced interleaving makes the race happen every time, even on a machine with one
 * free core: a worker calls atomicMax, and the first time it reads (or writes) the cell,
 * the check pauses it right there, in shared memory, while the grading thread runs a
 * whole atomicMax of its own on the same cell; then the worker goes on. With the paused
 * worker holding the smaller value, a check-then-store overwrites the larger one; with it
 * holding the larger value, a compareExchange without a retry gives up. A worker's reads
 * and writes are seen through a Proxy of the Int32Array (plain `cells[i]`) and through
 * wrappers of the Atomics functions in that worker (Atomics on the Proxy unwrap it).
 *
 * The stress case then runs atomicMax in WORKERS threads at once for a few rounds: in each
 * round the workers wait at a start gate, then for WINDOW_MS take tickets 0, 1, 2, ... from
 * a shared atomic counter; the ticket says which cell to raise and to what value, so the
 * workers move together from cell to cell. Tickets come in periods: RISE rising values for
 * one cell, then FALLS cells of two falling values. Every cell must end at the largest
 * value it was given, and no worker may read a cell below the value it has just given it.
 */
const ROLE = 'threadlings:races/atomic-max';
const WORKERS = 3;
const WINDOW_MS = 30;
const ROUNDS = 3;
/** A worker paused inside atomicMax waits at most this long for the check (which needs microseconds). */
const PAUSE_MS = 2000;
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
// Cells of the forced interleaving's `control`: the scenario the worker paused in, and the one the check let go on.
const PAUSED = 0;
const RESUMED = 1;

interface HammerData {
  readonly role: string;
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

/** One forced interleaving: the worker gives `cell` the value `paused`, the check gives it `runner` while the worker is paused. */
interface Scenario {
  readonly id: number;
  readonly cells: SharedArrayBuffer;
  readonly pause: SharedArrayBuffer;
  readonly cell: number;
  readonly paused: number;
}

/** The Atomics functions that take a typed array and an index (wrapped in the check's workers). */
const ATOMICS = ['add', 'and', 'compareExchange', 'exchange', 'load', 'or', 'store', 'sub', 'xor', 'wait', 'notify'] as const;
type AtomicsCall = (array: unknown, index: number, ...rest: unknown[]) => unknown;
type RealAtomics = Record<(typeof ATOMICS)[number], AtomicsCall>;

/**
 * Lets this thread watch one cell: `watch` returns a Proxy of the Int32Array whose plain
 * reads and writes of that cell, like this thread's Atomics calls on it (through the Proxy
 * or any view of the same memory), call `onFirstTouch` right after the first of them.
 */
function installWatch(): { real: RealAtomics; watch(cells: Int32Array, cell: number, onFirstTouch: () => void): Int32Array } {
  const real = Object.fromEntries(ATOMICS.map((name) => [name, Atomics[name] as unknown as AtomicsCall])) as RealAtomics;
  const targets = new WeakMap<object, Int32Array>();
  let armed: { readonly buffer: ArrayBufferLike; readonly byte: number; readonly fire: () => void } | undefined;
  const touched = (array: unknown, index: number): void => {
    if (!armed || !ArrayBuffer.isView(array) || array.buffer !== armed.buffer) return;
    if (array.byteOffset + index * (array as Int32Array).BYTES_PER_ELEMENT !== armed.byte) return;
    const { fire } = armed;
    armed = undefined;
    fire();
  };
  for (const name of ATOMICS) {
    const call: AtomicsCall = (array, index, ...rest) => {
      const target = (array !== null && typeof array === 'object' && targets.get(array)) || array;
      const result = real[name].call(Atomics, target, index, ...rest);
      touched(target, index);
      return result;
    };
    Object.defineProperty(Atomics, name, { value: call, writable: true, configurable: true });
  }
  const watch = (cells: Int32Array, cell: number, onFirstTouch: () => void): Int32Array => {
    armed = { buffer: cells.buffer, byte: cells.byteOffset + cell * 4, fire: onFirstTouch };
    const key = String(cell);
    const view = new Proxy(cells, {
      get(target, property) {
        const value: unknown = Reflect.get(target, property);
        if (property === key) touched(target, cell);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
      set(target, property, value) {
        const done = Reflect.set(target, property, value);
        if (property === key) touched(target, cell);
        return done;
      },
    });
    targets.set(view, cells);
    return view;
  };
  return { real, watch };
}

/** A stress round: wait at the gate, then call atomicMax on ticket after ticket until told to stop. */
function round(ex: typeof Exercise, data: HammerData, round: number): Report {
  const cells = new Int32Array(data.cells);
  const control = new Int32Array(data.control);
  parentPort?.postMessage('ready');
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
  return { calls, drops };
}

/** A forced interleaving: atomicMax on a watched cell, paused at its first touch until the check has had its turn. */
function scenario(ex: typeof Exercise, { real, watch }: ReturnType<typeof installWatch>, job: Scenario): { paused: boolean; error?: string } {
  const pause = new Int32Array(job.pause);
  let paused = false;
  const view = watch(new Int32Array(job.cells), job.cell, () => {
    paused = true;
    real.store(pause, PAUSED, job.id);
    real.notify(pause, PAUSED);
    const until = performance.now() + PAUSE_MS;
    while (real.load(pause, RESUMED) !== job.id && performance.now() < until) real.wait(pause, RESUMED, real.load(pause, RESUMED), 50);
  });
  try {
    ex.atomicMax(view, job.cell, job.paused);
    return { paused };
  } catch (error) {
    return { paused, error: error instanceof Error ? error.message : String(error) };
  }
}

/** A worker of the check: runs stress rounds (a round number) and forced interleavings (a Scenario). */
async function hammer(data: HammerData): Promise<void> {
  const port = parentPort;
  if (!port) return;
  const watching = installWatch();
  const ex = (await import(data.moduleUrl)) as typeof Exercise;
  port.on('message', (message: number | Scenario) => {
    port.postMessage(typeof message === 'number' ? round(ex, data, message) : scenario(ex, watching, message));
  });
  port.postMessage('loaded');
}

if ((workerData as HammerData | undefined)?.role === ROLE) await hammer(workerData as HammerData);

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const count = (n: number): string => n.toLocaleString('en-US');

/** The next message from `worker`, or its error (a crash in atomicMax) or early exit as a rejection. */
function nextMessage<T>(worker: Worker): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const cleanup = (): void => void worker.off('message', onMessage).off('error', onError).off('exit', onExit);
    const onMessage = (message: T): void => (cleanup(), resolve(message));
    const onError = (error: Error): void => (cleanup(), reject(error));
    const onExit = (code: number): void => (cleanup(), reject(new Error(`a worker running atomicMax exited (code ${code})`)));
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
  });
}

/** The check's workers, driven from the grading thread. */
class Crew {
  readonly cells = new Int32Array(new SharedArrayBuffer(4 * CELLS));
  readonly control = new Int32Array(new SharedArrayBuffer(64 * 4));
  private readonly workers: Worker[];

  constructor(moduleUrl: string) {
    const data: HammerData = { role: ROLE, moduleUrl, cells: this.cells.buffer as SharedArrayBuffer, control: this.control.buffer as SharedArrayBuffer };
    this.workers = Array.from({ length: WORKERS }, () => new Worker(new URL(import.meta.url), { workerData: data }));
  }

  /** One message from every worker, or the first error (a crash in atomicMax) or early exit. */
  private fromEach<T>(): Promise<T[]> {
    return Promise.all(this.workers.map((worker) => nextMessage<T>(worker)));
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

  /** Runs one forced interleaving on the first worker; resolves with its report once its atomicMax returned. */
  scenario(job: Scenario): Promise<{ paused: boolean; error?: string }> {
    const worker = this.workers[0] as Worker;
    const reply = nextMessage<{ paused: boolean; error?: string }>(worker);
    worker.postMessage(job);
    return reply;
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
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}

/** The scenarios: the paused worker holds the smaller value (check-then-store loses), then the larger (no retry loses). */
const SCENARIOS: readonly (readonly [initial: number, paused: number, runner: number])[] = [
  [0, 2, 3],
  [0, 3, 2],
  [-10, -5, -1],
  [-10, -1, -5],
  [7, 40, 9],
];

/** Why the cell ended at `final` in a forced interleaving, and what to do. */
function explainPause(cell: number, [initial, paused, runner]: (typeof SCENARIOS)[number], final: number): string {
  const what =
    `the maximum went down while a worker was paused inside atomicMax: it was giving cell ${cell} (holding ${initial}) the value ${paused}, ` +
    `and had just looked at the cell when the check, on another thread, called atomicMax(cells, ${cell}, ${runner}); then the worker went on, ` +
    `and the cell ended at ${final}, not ${Math.max(initial, paused, runner)}. `;
  if (paused < runner && final === paused) {
    return what + `Checking the cell and then storing are two steps: the store put ${paused} over the ${runner} stored in between. Use Atomics.compareExchange in a loop.`;
  }
  if (paused > runner && final === runner) {
    return (
      what +
      `The worker's compareExchange found ${runner} where it expected ${initial} and gave up: when the exchange fails, compare your value ` +
      'with the one it returned, and try again while yours is larger. Use Atomics.compareExchange in a loop.'
    );
  }
  return what + 'Use Atomics.compareExchange in a loop.';
}

/** The crew, started by the forced interleavings and ended by the stress case. */
let crew: Crew | undefined;

async function crewFor(ex: typeof Exercise): Promise<Crew> {
  if (!crew) {
    crew = new Crew(ex.moduleUrl);
    await crew.loaded();
  }
  return crew;
}

async function forcedInterleavings(ex: typeof Exercise, t: Assertions): Promise<void> {
  const team = await crewFor(ex);
  const pause = new Int32Array(new SharedArrayBuffer(8));
  const cells = new Int32Array(new SharedArrayBuffer(4 * 8));
  for (const [n, scenario] of SCENARIOS.entries()) {
    const [initial, paused, runner] = scenario;
    const [id, cell] = [n + 1, 1 + (n % 6)];
    cells.fill(0);
    cells[cell] = initial;
    const reply = team.scenario({ id, cells: cells.buffer as SharedArrayBuffer, pause: pause.buffer as SharedArrayBuffer, cell, paused });
    let replied = false;
    void reply.then(() => (replied = true), () => (replied = true));
    while (Atomics.load(pause, PAUSED) !== id && !replied) await sleep(1);
    if (Atomics.load(pause, PAUSED) === id) {
      // The worker is paused right after its first look at the cell: the check's turn, from this thread.
      ex.atomicMax(cells, cell, runner);
      Atomics.store(pause, RESUMED, id);
      Atomics.notify(pause, RESUMED);
    }
    const { error } = await reply;
    if (error !== undefined) t.fail(`atomicMax(cells, ${cell}, ${paused}) in a worker thread threw "${error}".`);
    const final = cells[cell] as number;
    t.ok(final === Math.max(initial, paused, runner), explainPause(cell, scenario, final));
    t.ok(cells.every((value, i) => i === cell || value === 0), `atomicMax(cells, ${cell}, ...) changed other cells than cell ${cell}: ${[...cells].join(', ')}.`);
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
      name: 'keeps the maximum when a worker is paused between looking at the cell and writing it',
      async run(ex, t) {
        await forcedInterleavings(ex, t);
      },
    },
    {
      name: `never lowers the maximum with ${WORKERS} worker threads calling it at once`,
      async run(ex, t) {
        try {
          const team = await crewFor(ex);
          for (let round = 1; round <= ROUNDS; round++) {
            const reports = await team.round(round);
            const drops = reports.reduce((sum, r) => sum + r.drops, 0);
            const { used, wrong, example } = team.verify();
            t.ok(
              wrong === 0 && drops === 0,
              `the maximum went down in round ${round}: ${count(wrong)} of ${count(used)} cells ended below the largest value given to them` +
                `${example}, and ${count(drops)} times a worker read a cell below the value it had just given it. ` +
                'Checking the cell and then storing are two steps: another thread can store a larger value in between, ' +
                'and your store then overwrites it with a smaller one. Use Atomics.compareExchange in a loop.',
            );
          }
        } finally {
          const ending = crew;
          crew = undefined;
          await ending?.close();
        }
      },
    },
  ],
});
