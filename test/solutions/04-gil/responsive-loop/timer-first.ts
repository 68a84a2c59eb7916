// A common wrong answer: waiting for a timer first only delays the count; when it starts,
// it still runs on the calling thread and blocks its event loop until it is done.

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

export async function countPrimesInBackground(limit: number): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  return countPrimes(limit);
}
