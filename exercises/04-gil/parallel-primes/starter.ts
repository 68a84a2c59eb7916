import { Worker, parentPort, threadId, workerData } from 'node:worker_threads';

/**
 * The CPU kernel: counts the primes n with from <= n < to by trial division. Pure
 * JavaScript with no I/O, so it keeps whichever thread runs it busy until it is done.
 *
 * Leave it as it is. When it is given a `trace` buffer it also notes which thread ran
 * which range, and when: that is how the check sees where your chunks ran.
 */
export function countPrimes(from: number, to: number, trace?: SharedArrayBuffer): number {
  const started = performance.timeOrigin + performance.now();
  let count = 0;
  for (let n = Math.max(from, 2); n < to; n++) {
    let prime = true;
    for (let d = 2; d * d <= n; d++) {
      if (n % d === 0) {
        prime = false;
        break;
      }
    }
    if (prime) count++;
  }
  if (trace) noteChunk(trace, from, to, started);
  return count;
}

/** Appends [threadId, from, to, start, end] to the trace (leave it as it is). */
function noteChunk(trace: SharedArrayBuffer, from: number, to: number, started: number): void {
  const slot = Atomics.add(new Int32Array(trace, 0, 1), 0, 1);
  const records = new Float64Array(trace, 8);
  if ((slot + 1) * 5 <= records.length) {
    records.set([threadId, from, to, started, performance.timeOrigin + performance.now()], slot * 5);
  }
}

/**
 * Counts the primes below `limit` with the work split into chunks that run in parallel,
 * each in its own worker thread, and passes `trace` on to every `countPrimes` call.
 */
export async function countPrimesParallel(limit: number, trace?: SharedArrayBuffer): Promise<number> {
  const middle = Math.floor(limit / 2);
  // TODO: both halves run right here, on the calling thread, one after the other:
  // Promise.all cannot make CPU work parallel, because nothing in it ever waits.
  // Run each chunk in its own Worker instead. This file can start itself as a worker
  // (`new Worker(new URL(import.meta.url), { workerData })`); `parentPort` and
  // `workerData` are imported for that.
  const [low, high] = await Promise.all([
    (async () => countPrimes(0, middle, trace))(),
    (async () => countPrimes(middle, limit, trace))(),
  ]);
  return low + high;
}

// Code that only a worker runs can go here, at the end of the file, where everything
// above it is already defined.
