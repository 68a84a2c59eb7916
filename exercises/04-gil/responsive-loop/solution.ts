import { Worker, parentPort, workerData } from 'node:worker_threads';

/** Counts the primes below `limit` by trial division: pure CPU work (leave it as it is). */
export function countPrimes(limit: number): number {
  let count = 0;
  for (let n = 2; n < limit; n++) {
    let prime = true;
    for (let d = 2; d * d <= n; d++) {
      if (n % d === 0) {
        prime = false;
        break;
      }
    }
    if (prime) count++;
  }
  return count;
}

/**
 * Counts the primes below `limit` without blocking the event loop of the thread that
 * calls it: its timers, I/O callbacks and other promises must keep running meanwhile.
 */
export function countPrimesInBackground(limit: number): Promise<number> {
  return new Promise((resolve, reject) => {
    // The count runs on the worker's thread; this thread only waits for a message.
    const worker = new Worker(new URL(import.meta.url), { workerData: { role: 'count-primes', limit } });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the worker stopped (exit code ${code}) before it answered`)));
  });
}

// Only the worker started above runs this, after everything above is defined.
if (workerData?.role === 'count-primes') {
  parentPort?.postMessage(countPrimes((workerData as { limit: number }).limit));
}
