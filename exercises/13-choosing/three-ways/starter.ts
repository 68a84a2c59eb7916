import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, threadId, workerData } from 'node:worker_threads';

/** One answer, and where it was computed. */
export interface Report {
  readonly n: number;
  /** How many primes are below n. */
  readonly primes: number;
  readonly pid: number;
  readonly threadId: number;
}

/** The job (leave it as it is): counts the primes below n, CPU only, and says where it ran. */
export function work(n: number): Report {
  let primes = 0;
  for (let candidate = 2; candidate < n; candidate++) {
    let prime = true;
    for (let d = 2; d * d <= candidate; d++) {
      if (candidate % d === 0) {
        prime = false;
        break;
      }
    }
    if (prime) primes++;
  }
  return { n, primes, pid: process.pid, threadId };
}

/**
 * 1. async/await on the event loop (Python: asyncio). Done for you: every job runs
 * right here, on the caller's thread; good for waiting, no help for CPU work.
 */
export async function withPromises(inputs: readonly number[]): Promise<Report[]> {
  return Promise.all(inputs.map(async (n) => work(n)));
}

/**
 * 2. Worker threads (Python: threading, minus the GIL): each job runs in a worker
 * thread of this process. Resolves with the reports in input order.
 */
export async function withWorkers(inputs: readonly number[]): Promise<Report[]> {
  // TODO: this still runs every job on the caller's thread. Start a Worker per input
  // (this file can start itself: new Worker(new URL(import.meta.url), { workerData }))
  // and collect each worker's report, in input order.
  return inputs.map((n) => work(n));
}

/**
 * 3. A child process (Python: multiprocessing): the jobs run in another Node process,
 * started with child_process.fork (or spawn of process.execPath). Resolves with the
 * reports in input order, and only after the child has exited: leave nothing running.
 */
export async function withChildProcess(inputs: readonly number[]): Promise<Report[]> {
  // TODO: this runs every job on the caller's thread too. Fork this same file as a
  // child process (fork(fileURLToPath(import.meta.url), ['child'])), send it the
  // inputs, get the reports back, and resolve once its 'exit' event has fired.
  return inputs.map((n) => work(n));
}

// Code that only a worker or the child process runs can go here, at the end of the
// file, where everything above is defined. In a forked child, isMainThread is true,
// process.argv[2] is what you passed to fork ('child' above), and process.send and
// process.on('message') talk to the parent.
