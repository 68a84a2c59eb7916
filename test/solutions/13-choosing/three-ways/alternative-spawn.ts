import { spawn } from 'node:child_process';
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

/** 1. async/await on the event loop: every job runs on the caller's thread. */
export async function withPromises(inputs: readonly number[]): Promise<Report[]> {
  return Promise.all(inputs.map(async (n) => work(n)));
}

/** Alternative: a single worker computes every report and posts them all at once. */
export function withWorkers(inputs: readonly number[]): Promise<Report[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: { role: 'all', inputs } });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

/** The child's program, as plain JavaScript for `node -e`: the same count, written out again. */
const CHILD_SOURCE = `
const inputs = JSON.parse(process.argv[1]);
const count = (n) => { let c = 0; for (let k = 2; k < n; k++) { let p = true; for (let d = 2; d * d <= k; d++) if (k % d === 0) { p = false; break; } if (p) c++; } return c; };
process.stdout.write(JSON.stringify(inputs.map((n) => ({ n, primes: count(n), pid: process.pid, threadId: 0 }))));
`;

/** Alternative: spawn a plain node process, read its stdout, resolve on 'close' (exited, pipes drained). */
export function withChildProcess(inputs: readonly number[]): Promise<Report[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', CHILD_SOURCE, JSON.stringify(inputs)], { stdio: ['ignore', 'pipe', 'ignore'] });
    let output = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve(JSON.parse(output) as Report[]) : reject(new Error(`child exited with code ${code}`))));
  });
}

if (!isMainThread && workerData?.role === 'all') {
  parentPort?.postMessage((workerData as { inputs: number[] }).inputs.map(work));
}
