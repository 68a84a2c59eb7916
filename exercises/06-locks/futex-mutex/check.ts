import { defineCheck, type Assertions } from 'threadlings/check';
import type * as Exercise from './solution.ts';

// The layout of the test bench's `stats` cells (STATS in the given part of the exercise).
const COUNTER = 0;
const ENTRIES = 1;
const INSIDE = 2;
const MAX_INSIDE = 3;
const GO = 4;
const DONE = 5;
const STOP = 6;
/** How long a correct mutex may go without any progress before the check calls it stuck (it needs microseconds). */
const STUCK_MS = 3000;

/** Set once a case saw the mutex get stuck: later cases would only hang on it (and block this thread). */
let stuck = false;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const statsCells = (): Int32Array => new Int32Array(new SharedArrayBuffer(8 * 4));

interface Bench {
  readonly stats: Int32Array;
  settled(): boolean;
  /** Resolves once the workers' GO was given (or the hammer ended). */
  started(): Promise<void>;
  /** Resolves true once the hammer has finished, false when nothing moved for STUCK_MS. */
  finished(): Promise<boolean>;
}

function startBench(ex: typeof Exercise, workers: number, rounds: number, mutex: SharedArrayBuffer, stats = statsCells()): Bench {
  const done = ex.hammer({ mutex, stats: stats.buffer as SharedArrayBuffer, workers, rounds });
  let settled = false;
  const quiet = done.then(() => (settled = true), () => (settled = true));
  return {
    stats,
    settled: () => settled,
    async started() {
      while (Atomics.load(stats, GO) === 0 && !settled) await sleep(5);
    },
    async finished() {
      let last = -1;
      let lastChange = Date.now();
      while (!settled) {
        const progress = Atomics.load(stats, ENTRIES) + Atomics.load(stats, DONE);
        // Until GO, the workers are still starting (slow on a busy machine): that is not being stuck.
        if (progress !== last || Atomics.load(stats, GO) === 0) [last, lastChange] = [progress, Date.now()];
        else if (Date.now() - lastChange > STUCK_MS) return false;
        await Promise.race([quiet, sleep(50)]);
      }
      await done; // a worker that crashed is reported as such
      return true;
    },
  };
}

/** The check's own pass through the critical section, with the same instrumentation as the workers'. */
function criticalSection(stats: Int32Array): void {
  const inside = Atomics.add(stats, INSIDE, 1) + 1;
  if (inside > Atomics.load(stats, MAX_INSIDE)) Atomics.store(stats, MAX_INSIDE, inside);
  const before = stats[COUNTER] as number;
  stats[COUNTER] = before + 1;
  Atomics.add(stats, ENTRIES, 1);
  Atomics.sub(stats, INSIDE, 1);
}

function checkExclusion(t: Assertions, stats: Int32Array, how: string): void {
  const entries = Atomics.load(stats, ENTRIES);
  const lost = entries - Atomics.load(stats, COUNTER);
  const most = Atomics.load(stats, MAX_INSIDE);
  t.ok(
    most <= 1 && lost === 0,
    `${most} threads were between lock() and unlock() at the same time${how}, and ${lost} of ${entries} increments were lost: ` +
      'lock() does not keep a second thread out. Take the mutex in one atomic step (Atomics.compareExchange from free to ' +
      'locked): a separate "is it free?" read followed by a store lets two threads in.',
  );
}

/**
 * Makes this thread pause for `ms` after each Atomics.load and before each Atomics.store on
 * `buffer`, as if the scheduler preempted it there: the worst moment for a lock that reads
 * "free" and then claims it in a second step. Returns the function that undoes it.
 */
function pauseBetweenSteps(buffer: SharedArrayBuffer, ms: number): () => void {
  const { load, store } = Atomics;
  const nap = new Int32Array(new SharedArrayBuffer(4));
  const ours = (cells: unknown): boolean => ArrayBuffer.isView(cells) && cells.buffer === buffer;
  const patched = Atomics as unknown as Record<'load' | 'store', (cells: Int32Array, index: number, value?: number) => number>;
  patched.load = (cells, index) => {
    const value = load(cells, index);
    if (ours(cells)) Atomics.wait(nap, 0, 0, ms);
    return value;
  };
  patched.store = (cells, index, value = 0) => {
    if (ours(cells)) Atomics.wait(nap, 0, 0, ms);
    return store(cells, index, value);
  };
  return () => Object.assign(Atomics, { load, store });
}

export default defineCheck<typeof Exercise>({
  exports: ['Mutex', 'hammer'],
  cases: [
    {
      name: 'lock() and unlock() work on one thread, again and again',
      run(ex) {
        const mutex = new ex.Mutex(new SharedArrayBuffer(16));
        for (let i = 0; i < 3; i++) {
          mutex.lock();
          mutex.unlock();
        }
      },
    },
    {
      name: '4 workers x 40,000 increments: never two inside at once, no update lost',
      async run(ex, t) {
        const bench = startBench(ex, 4, 40_000, new SharedArrayBuffer(16));
        const finished = await bench.finished();
        stuck ||= !finished;
        checkExclusion(t, bench.stats, '');
        t.ok(
          finished,
          `the workers got stuck: nothing moved for ${STUCK_MS / 1000} s, with ${4 - Atomics.load(bench.stats, DONE)} of 4 workers unfinished ` +
            `after ${Atomics.load(bench.stats, ENTRIES)} of 160000 increments. A thread asleep in lock() is never woken: unlock() must ` +
            'call Atomics.notify on the cell that lock() waits on, and lock() must sleep only while the value it saw is still there.',
        );
      },
    },
    {
      name: 'a thread that must wait sleeps in Atomics.wait, survives a stray wake-up, and wakes on unlock()',
      async run(ex, t) {
        t.ok(!stuck, 'not run: the mutex got stuck in an earlier case, and this one would block on it too. Fix that first.');
        const buffer = new SharedArrayBuffer(16);
        const mutex = new ex.Mutex(buffer);
        mutex.lock();
        const stats = statsCells();
        Atomics.store(stats, INSIDE, 1); // the check holds the mutex: count it as inside
        Atomics.store(stats, MAX_INSIDE, 1);
        const bench = startBench(ex, 1, 1, buffer, stats);
        await bench.started();
        let wakes = 0;
        const since = Date.now();
        const entered = (): boolean => Atomics.load(stats, MAX_INSIDE) > 1 || Atomics.load(stats, DONE) > 0;
        const cells = new Int32Array(buffer);
        while (wakes < 3 && Date.now() - since < STUCK_MS && !entered()) {
          // Wake whoever sleeps on any cell of the mutex's memory; count it when someone did.
          if (cells.reduce((woken, _cell, i) => woken + Atomics.notify(cells, i), 0) > 0) wakes++;
          await sleep(wakes > 0 ? 30 : 5);
        }
        const wentIn = entered();
        // Let go before judging, so that a worker still trying to lock can finish.
        Atomics.store(stats, INSIDE, 0);
        mutex.unlock();
        const finished = await bench.finished();
        stuck ||= !finished;
        t.ok(
          !wentIn,
          wakes === 0
            ? "the worker's lock() returned at once although the check held the mutex: lock() must wait while another thread holds it."
            : "after a wake-up that was not an unlock(), the worker's lock() returned while the check still held the mutex: Atomics.wait " +
                'also returns for a stray notify or with "not-equal", so look at the state again in a loop and sleep again while it is held.',
        );
        t.ok(
          wakes > 0,
          `for ${STUCK_MS / 1000} s the worker waiting in lock() never slept in Atomics.wait on the mutex's memory (the buffer given to ` +
            'the constructor): it spins, burning a core while it waits. Sleep with Atomics.wait(cells, index, valueYouSaw) until unlock() wakes you.',
        );
        t.ok(
          finished,
          `unlock() did not wake the worker asleep in lock(): ${STUCK_MS / 1000} s later it still slept. After freeing the mutex, ` +
            'call Atomics.notify on the cell that lock() waits on.',
        );
        t.equal(Atomics.load(stats, COUNTER), 1, 'the counter after one increment under the mutex');
      },
    },
    {
      name: 'still exclusive when a thread is paused between two steps of lock()',
      async run(ex, t) {
        t.ok(!stuck, 'not run: the mutex got stuck in an earlier case, and this one would block on it too. Fix that first.');
        const buffer = new SharedArrayBuffer(16);
        const bench = startBench(ex, 2, 1_000_000, buffer);
        await bench.started();
        const mutex = new ex.Mutex(buffer);
        const restore = pauseBetweenSteps(buffer, 1);
        try {
          for (let round = 0; round < 12 && Atomics.load(bench.stats, MAX_INSIDE) <= 1; round++) {
            mutex.lock();
            criticalSection(bench.stats);
            mutex.unlock();
          }
        } finally {
          restore();
          Atomics.store(bench.stats, STOP, 1);
        }
        const finished = await bench.finished();
        checkExclusion(t, bench.stats, ' (the check paused its own thread for 1 ms after each Atomics.load and before each Atomics.store)');
        t.ok(finished, `the workers got stuck after the check's turns: nothing moved for ${STUCK_MS / 1000} s.`);
      },
    },
  ],
});
