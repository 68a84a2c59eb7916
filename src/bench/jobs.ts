/**
 * The units of work of every demo, as plain data that can be posted to a worker, and
 * `runJob`, which runs one on whatever thread it is called. The main thread and the
 * workers run the very same function: the main thread calls it directly, the workers get
 * its source text (see taskModule.ts), so it must stay self-contained: it may use its
 * parameters and JavaScript globals, nothing imported.
 */

export type RaceMethod = 'plain' | 'atomics' | 'mutex';

/** Where the race job keeps its state in the shared Int32Array. */
export const RACE_SLOTS = { counter: 0, lock: 1, go: 2, ready: 3 } as const;
export type RaceSlots = typeof RACE_SLOTS;

export type Job =
  /** CPU-bound: `iterations` steps of the kernel. */
  | { readonly kind: 'spin'; readonly iterations: number; readonly seed: number }
  /** I/O-bound: wait on a timer. */
  | { readonly kind: 'sleep'; readonly ms: number }
  /** I/O-bound: one GET to the local slow server. */
  | { readonly kind: 'http'; readonly url: string }
  /** Both: wait, then compute. */
  | { readonly kind: 'mixed'; readonly ms: number; readonly iterations: number; readonly seed: number }
  /** Increment a shared counter `increments` times, after a start barrier shared with the other racers. */
  | {
      readonly kind: 'race';
      readonly method: RaceMethod;
      readonly buffer: SharedArrayBuffer;
      readonly slots: RaceSlots;
      readonly increments: number;
    };

/** What a job needs from its thread: the kernel, timers, the network and the mutex. */
export interface JobDeps {
  spin(iterations: number, seed: number): number;
  sleep(ms: number): Promise<unknown>;
  get(url: string): Promise<number>;
  lock(cells: Int32Array, index: number): void;
  unlock(cells: Int32Array, index: number): void;
}

/** Runs one job; a number for CPU work, a promise for anything that waits. */
export function runJob(job: Job, deps: JobDeps): number | Promise<number> {
  switch (job.kind) {
    case 'spin':
      return deps.spin(job.iterations, job.seed);
    case 'sleep':
      return deps.sleep(job.ms).then(() => job.ms);
    case 'http':
      return deps.get(job.url);
    case 'mixed':
      return deps.sleep(job.ms).then(() => deps.spin(job.iterations, job.seed));
    case 'race': {
      const cells = new Int32Array(job.buffer);
      const { counter, lock, go, ready } = job.slots;
      Atomics.add(cells, ready, 1);
      // Spin at the barrier so that every racer starts at once and the increments really
      // overlap; after a while sleep in short naps, in case there are more racers than cores.
      for (let spins = 0; Atomics.load(cells, go) === 0; spins++) {
        if (spins > 200_000) Atomics.wait(cells, go, 0, 1);
      }
      const n = job.increments;
      if (job.method === 'plain') {
        for (let i = 0; i < n; i++) cells[counter] = (cells[counter] ?? 0) + 1; // read, add, write: not atomic
      } else if (job.method === 'atomics') {
        for (let i = 0; i < n; i++) Atomics.add(cells, counter, 1);
      } else {
        for (let i = 0; i < n; i++) {
          deps.lock(cells, lock);
          cells[counter] = (cells[counter] ?? 0) + 1;
          deps.unlock(cells, lock);
        }
      }
      return n;
    }
  }
}
