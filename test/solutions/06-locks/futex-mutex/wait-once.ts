/**
 * Wrong: sleeps once and then assumes the mutex is its own, without trying again.
 *
 * Build a mutex from Atomics: at most one thread at a time between lock() and unlock(),
 * and a thread that has to wait sleeps (Atomics.wait) instead of spinning.
 *
 * Python: `lock = threading.Lock()`, `lock.acquire()`, `lock.release()`.
 */
import { Worker, parentPort, workerData } from 'node:worker_threads';

export class Mutex {
  readonly cells: Int32Array;

  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(16)) {
    this.cells = new Int32Array(buffer);
  }

  lock(): void {
    if (Atomics.compareExchange(this.cells, 0, 0, 1) !== 0) {
      Atomics.wait(this.cells, 0, 1);
      Atomics.store(this.cells, 0, 1);
    }
  }

  unlock(): void {
    Atomics.store(this.cells, 0, 0);
    Atomics.notify(this.cells, 0, 1);
  }
}

// ---- Given: the test bench. No need to change anything below this line. ----

/** Cells of `stats`, the test bench's shared instrumentation. */
export const STATS = {
  /** Incremented with a plain read and write: only correct if the mutex keeps others out. */
  counter: 0,
  /** Incremented atomically: how many times a thread went through the critical section. */
  entries: 1,
  inside: 2,
  maxInside: 3,
  go: 4,
  done: 5,
  /** Set to 1 to make the workers stop early. */
  stop: 6,
} as const;

/** The critical section: a read-modify-write of the counter, recording how many threads are inside. */
export function criticalSection(stats: Int32Array): void {
  const inside = Atomics.add(stats, STATS.inside, 1) + 1;
  for (let most = Atomics.load(stats, STATS.maxInside); inside > most; most = Atomics.load(stats, STATS.maxInside)) {
    Atomics.compareExchange(stats, STATS.maxInside, most, inside);
  }
  const before = stats[STATS.counter] as number;
  for (let pause = 0; pause < 16; pause++) Atomics.load(stats, STATS.go);
  stats[STATS.counter] = before + 1;
  Atomics.add(stats, STATS.entries, 1);
  Atomics.sub(stats, STATS.inside, 1);
}

export interface HammerOptions {
  readonly mutex: SharedArrayBuffer;
  readonly stats: SharedArrayBuffer;
  readonly workers: number;
  readonly rounds: number;
}

if (workerData?.role === 'hammer') {
  const { mutex: buffer, stats: statsBuffer, rounds } = workerData as HammerOptions;
  const mutex = new Mutex(buffer);
  const stats = new Int32Array(statsBuffer);
  parentPort?.postMessage('ready');
  Atomics.wait(stats, STATS.go, 0);
  for (let i = 0; i < rounds && Atomics.load(stats, STATS.stop) === 0; i++) {
    mutex.lock();
    criticalSection(stats);
    mutex.unlock();
    for (let pause = 0; pause < 32; pause++) Atomics.load(stats, STATS.go); // a little work outside the lock
  }
  Atomics.add(stats, STATS.done, 1);
}

/**
 * Starts `workers` threads that each run the critical section `rounds` times under the
 * mutex (all starting at the same moment), and resolves when they have all exited.
 */
export async function hammer(options: HammerOptions): Promise<void> {
  const stats = new Int32Array(options.stats);
  const workers = Array.from({ length: options.workers }, () => new Worker(new URL(import.meta.url), { workerData: { role: 'hammer', ...options } }));
  const exited = workers.map((worker) => new Promise((resolve, reject) => worker.once('exit', resolve).once('error', reject)));
  const ready = workers.map((worker) => new Promise((resolve, reject) => worker.once('message', resolve).once('error', reject)));
  await Promise.all(ready);
  Atomics.store(stats, STATS.go, 1);
  Atomics.notify(stats, STATS.go);
  await Promise.all(exited);
}
