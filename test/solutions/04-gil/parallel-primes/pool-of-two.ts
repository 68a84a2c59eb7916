import { Worker, parentPort, threadId, workerData } from 'node:worker_threads';

// An alternative correct answer: a small pool of long-lived workers that take jobs by
// message, and a split into 4 chunks of unequal length but similar cost (larger numbers
// take longer to test).

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

interface Job {
  readonly from: number;
  readonly to: number;
  readonly trace?: SharedArrayBuffer;
}

/** Runs the jobs on `size` workers, each taking the next job when it is free. */
async function runOnPool(jobs: readonly Job[], size: number): Promise<number[]> {
  const results: number[] = new Array<number>(jobs.length).fill(0);
  let next = 0;
  const workers = Array.from({ length: size }, () => new Worker(new URL(import.meta.url), { workerData: { role: 'pool' } }));
  try {
    await Promise.all(
      workers.map(async (worker) => {
        while (next < jobs.length) {
          const index = next++;
          results[index] = await new Promise<number>((resolve, reject) => {
            worker.once('message', resolve);
            worker.once('error', reject);
            worker.postMessage(jobs[index]);
          });
        }
      }),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}

export async function countPrimesParallel(limit: number, trace?: SharedArrayBuffer): Promise<number> {
  const cuts = [0, 0.3, 0.55, 0.78, 1].map((f) => Math.floor(f * limit));
  const jobs = cuts.slice(1).map((to, i) => ({ from: cuts[i] ?? 0, to, trace }));
  const counts = await runOnPool(jobs, 2);
  return counts.reduce((a, b) => a + b, 0);
}

if (workerData?.role === 'pool' && parentPort) {
  const port = parentPort;
  port.on('message', (job: Job) => port.postMessage(countPrimes(job.from, job.to, job.trace)));
}
