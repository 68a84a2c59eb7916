import { Worker, parentPort, threadId, workerData } from 'node:worker_threads';

// A common wrong answer: each chunk gets its own worker, but the second worker is only
// started after the first one has finished, so the chunks never run at the same time.

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

function countInWorker(from: number, to: number, trace?: SharedArrayBuffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: { role: 'count-primes', from, to, trace } });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

export async function countPrimesParallel(limit: number, trace?: SharedArrayBuffer): Promise<number> {
  const middle = Math.floor(limit / 2);
  const low = await countInWorker(0, middle, trace);
  const high = await countInWorker(middle, limit, trace);
  return low + high;
}

if (workerData?.role === 'count-primes') {
  const job = workerData as { from: number; to: number; trace?: SharedArrayBuffer };
  parentPort?.postMessage(countPrimes(job.from, job.to, job.trace));
}
