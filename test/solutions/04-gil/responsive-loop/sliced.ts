// An alternative correct answer without a worker: the count runs on the calling thread
// in slices of a few milliseconds, and gives the event loop a turn between slices.

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

const SLICE_MS = 4;

function isPrime(n: number): boolean {
  for (let d = 2; d * d <= n; d++) if (n % d === 0) return false;
  return n >= 2;
}

export async function countPrimesInBackground(limit: number): Promise<number> {
  let count = 0;
  let n = 2;
  while (n < limit) {
    const sliceEnd = performance.now() + SLICE_MS;
    for (; n < limit && (n % 1024 !== 0 || performance.now() < sliceEnd); n++) if (isPrime(n)) count++;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return count;
}
