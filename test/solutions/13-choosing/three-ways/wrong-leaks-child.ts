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

/** 1. async/await on the event loop (Python: asyncio): every job runs on the caller's thread. */
export async function withPromises(inputs: readonly number[]): Promise<Report[]> {
  return Promise.all(inputs.map(async (n) => work(n)));
}

/** Runs work(n) in a new worker thread running this same file. */
function inWorker(n: number): Promise<Report> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: { role: 'work', n } });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`worker for ${n} exited with code ${code} before answering`)));
  });
}

/** 2. Worker threads (Python: threading, minus the GIL): one worker per input, all at once. */
export async function withWorkers(inputs: readonly number[]): Promise<Report[]> {
  return Promise.all(inputs.map(inWorker));
}

/** Wrong: resolves on the child's answer, but never closes its channel: the child keeps running. */
export function withChildProcess(inputs: readonly number[]): Promise<Report[]> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['child']);
    let reports: Report[] | undefined;
    child.once('message', (message) => {
      reports = message as Report[];
      resolve(reports); // wrong: never disconnects or waits for 'exit': the child lives on
    });
    child.once('error', reject);
    child.send(inputs);
  });
}

// Only a worker or the child process started above runs this.
if (!isMainThread && workerData?.role === 'work') {
  parentPort?.postMessage(work((workerData as { n: number }).n));
} else if (isMainThread && process.argv[2] === 'child' && process.send) {
  process.on('message', (inputs) => process.send?.((inputs as number[]).map(work)));
}
