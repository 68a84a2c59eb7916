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
export async function countPrimesInBackground(limit: number): Promise<number> {
  // TODO: `async` moves no work anywhere. This call still runs the whole count on the
  // calling thread, and nothing else can run there until it ends. Run countPrimes in a
  // Worker instead (this file can start itself as one, with a role in workerData) and
  // resolve with the number that the worker posts back.
  return countPrimes(limit);
}

// Code that only a worker runs can go here, at the end of the file, where everything
// above it is already defined.
